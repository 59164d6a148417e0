/**
 * fermions: 8 modes (4 tweezers × spin up/down), Jordan–Wigner ordered by wire; mode w is bit
 * 7 − w of the basis index (the product basis's last wire is its lowest digit).
 *
 * Every gate is cheap without any decomposition: `fint`/`fphase` are diagonal, and `fhop` is the
 * sum of two hops on disjoint mode pairs, which commute; each hop pairs every basis state holding
 * one particle in the pair with exactly one partner (±1 element), so its exponential is
 * cos θ − i sin θ·hop, a 2×2 rotation per pair of states. Particle number is conserved, so the
 * state never leaves the C(8, loads) sector; the 256-entry vector costs nothing more.
 */
import { applyDiagonal, diagonalTable, type DiagonalTable } from './diagonal.js';
import { SimulationError, type SimExperiment } from './experiment.js';
import { evolveHamiltonian } from './hamiltonian.js';
import { memo } from './memo.js';
import { productReadout, type Outcome } from './readout.js';
import type { Couplings } from './sparse.js';
import { groundState, probabilitiesOf, type State } from './state.js';

const MODES = 8;
const bit = (w: number): number => MODES - 1 - w;
const occupied = (s: number, w: number): number => (s >> bit(w)) & 1;

/** Particles in the bits of `s` below bit `b` (the Jordan–Wigner string). */
function popBelow(s: number, b: number): number {
  let x = s & ((1 << b) - 1);
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

/** ⟨s'|c†_to c_from|s⟩: the target and sign, or undefined when it annihilates s. */
function hopOf(s: number, from: number, to: number): { readonly target: number; readonly sign: number } | undefined {
  if (!(s & (1 << from)) || s & (1 << to)) return undefined;
  const mid = s & ~(1 << from);
  return { target: mid | (1 << to), sign: (popBelow(s, from) + popBelow(mid, to)) % 2 === 0 ? 1 : -1 };
}

/** The (state, partner, sign) triples of c†_p c_q + c†_q c_p, each pair once. */
interface HopPairs {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly sign: Float64Array;
}

function hopPairs(p: number, q: number): HopPairs {
  return memo(
    `fhop-pairs|${p}|${q}`,
    () => {
      const from: number[] = [];
      const to: number[] = [];
      const sign: number[] = [];
      for (let s = 0; s < 1 << MODES; s++) {
        const h = hopOf(s, p, q);
        if (!h) continue;
        from.push(s);
        to.push(h.target);
        sign.push(h.sign);
      }
      return { from: Int32Array.from(from), to: Int32Array.from(to), sign: Float64Array.from(sign) };
    },
    (h) => 3 * h.from.length,
  );
}

/** exp(−iθ(c†_p c_q + c†_q c_p)): [ψ_s, ψ_t] ← [cos θ·ψ_s − iσ sin θ·ψ_t, cos θ·ψ_t − iσ sin θ·ψ_s]. */
function applyHop(state: State, pairs: HopPairs, theta: number): void {
  const c = Math.cos(theta);
  const sn = Math.sin(theta);
  const { re, im } = state;
  const { from, to, sign } = pairs;
  for (let k = 0; k < from.length; k++) {
    const s = from[k]!;
    const t = to[k]!;
    const g = sign[k]! * sn;
    const sr = re[s]!;
    const si = im[s]!;
    const tr = re[t]!;
    const ti = im[t]!;
    // −i·g·(x + iy) = g·y − i·g·x
    re[s] = c * sr + g * ti;
    im[s] = c * si - g * tr;
    re[t] = c * tr + g * si;
    im[t] = c * ti - g * sr;
  }
}

/** c†_w applied to the state (a particle loaded into an occupied mode annihilates that amplitude). */
function load(state: State, w: number): void {
  const b = bit(w);
  const { re, im, size } = state;
  const nextRe = new Float64Array(size);
  const nextIm = new Float64Array(size);
  for (let s = 0; s < size; s++) {
    if (s & (1 << b)) continue;
    const sign = popBelow(s, b) % 2 === 0 ? 1 : -1;
    nextRe[s | (1 << b)] = sign * re[s]!;
    nextIm[s | (1 << b)] = sign * im[s]!;
  }
  re.set(nextRe);
  im.set(nextIm);
}

const interaction = (): DiagonalTable =>
  memo(
    'fint',
    () =>
      diagonalTable(1 << MODES, (s) => {
        let sum = 0;
        for (let t = 0; t < 4; t++) sum += occupied(s, 2 * t) * occupied(s, 2 * t + 1);
        return sum;
      }),
    (t) => t.levelOf.length,
  );

const occupation = (wires: readonly number[]): DiagonalTable =>
  memo(
    `fphase|${wires.join(',')}`,
    () => diagonalTable(1 << MODES, (s) => wires.reduce((sum, w) => sum + occupied(s, w), 0)),
    (t) => t.levelOf.length,
  );

export function fermions(experiment: SimExperiment): Outcome {
  const state = groundState(new Array<number>(MODES).fill(2));
  const measures: number[] = [];
  for (const [name, wires, params] of experiment.instructions) {
    const theta = params[0] ?? 0;
    if (name === 'barrier') continue;
    if (name === 'measure') {
      if (wires[0] !== undefined) measures.push(wires[0]);
    } else if (name === 'load') {
      if (wires[0] !== undefined) load(state, wires[0]);
    } else if (name === 'fhop') {
      const [a = 0, b = 1, c = 2, d = 3] = wires.map(bit);
      if (new Set([a, b, c, d]).size === 4) {
        applyHop(state, hopPairs(a, c), theta);
        applyHop(state, hopPairs(b, d), theta);
      } else {
        // Overlapping mode pairs need not commute: exponentiate their sum as a whole.
        const terms: [number, number][] = [
          [c, a],
          [a, c],
          [d, b],
          [b, d],
        ];
        const couplings: Couplings = (s, emit) => {
          for (const [from, to] of terms) {
            const h = hopOf(s, from, to);
            if (h) emit(h.target, h.sign);
          }
        };
        evolveHamiltonian(state.re, state.im, `fhop|${wires.join(',')}`, couplings, theta, true);
      }
    } else if (name === 'fint') {
      applyDiagonal(state, interaction(), theta);
    } else if (name === 'fphase') {
      applyDiagonal(state, occupation(wires), theta);
    } else {
      throw new SimulationError(`fermions has no instruction ${name}`);
    }
  }
  const probabilities = probabilitiesOf(state);
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) total += probabilities[i]!;
  if (Math.abs(total - 1) > 1e-8) throw new SimulationError('probabilities do not sum to 1');
  return { probabilities, readout: productReadout(state.dims, state.strides, measures) };
}
