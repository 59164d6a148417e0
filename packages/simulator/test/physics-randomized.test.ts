/**
 * Seeded random circuits on every backend, each gate checked against an independent reference:
 * Hamiltonians assembled here from their textbook definitions (Kronecker products of collective
 * spin matrices, Jordan–Wigner fermions, Rydberg projectors) and exp(−iθH)ψ by a Taylor series in
 * small steps, with nothing shared with the engine (no eigenbases, blocks, Chebyshev or caches).
 * A fast path that drifts (closed forms, parity blocks, flip-flop blocks, hop rotations) fails here.
 */
import { describe, expect, it } from 'vitest';
import { exactDistribution, type SimBackend, type SimExperiment } from '@coldatom/simulator';
import { evolveDense } from './support/dense-evolution.js';
import { seeded } from '../../../test/support/seeded-random.js';

type Instruction = [string, number[], number[]];
type Matrix = { readonly n: number; readonly a: Float64Array };

const zeros = (n: number): Matrix => ({ n, a: new Float64Array(n * n) });
const identity = (n: number): Matrix => {
  const m = zeros(n);
  for (let i = 0; i < n; i++) m.a[i * n + i] = 1;
  return m;
};
const kron = (x: Matrix, y: Matrix): Matrix => {
  const out = zeros(x.n * y.n);
  for (let i = 0; i < x.n; i++)
    for (let j = 0; j < x.n; j++) {
      const v = x.a[i * x.n + j]!;
      if (v === 0) continue;
      for (let k = 0; k < y.n; k++) for (let l = 0; l < y.n; l++) out.a[(i * y.n + k) * out.n + j * y.n + l] = v * y.a[k * y.n + l]!;
    }
  return out;
};
const mul = (x: Matrix, y: Matrix): Matrix => {
  const out = zeros(x.n);
  for (let i = 0; i < x.n; i++)
    for (let k = 0; k < x.n; k++) {
      const v = x.a[i * x.n + k]!;
      if (v !== 0) for (let j = 0; j < x.n; j++) out.a[i * x.n + j] = out.a[i * x.n + j]! + v * y.a[k * x.n + j]!;
    }
  return out;
};
const add = (...ms: { readonly c: number; readonly m: Matrix }[]): Matrix => {
  const out = zeros(ms[0]!.m.n);
  for (const { c, m } of ms) for (let i = 0; i < out.a.length; i++) out.a[i] = out.a[i]! + c * m.a[i]!;
  return out;
};
const transpose = (x: Matrix): Matrix => {
  const out = zeros(x.n);
  for (let i = 0; i < x.n; i++) for (let j = 0; j < x.n; j++) out.a[j * x.n + i] = x.a[i * x.n + j]!;
  return out;
};
/** The operator `op` on wire `w` of a product space with the given dimensions (wire 0 slowest). */
const onWire = (dims: readonly number[], w: number, op: Matrix): Matrix =>
  dims.reduce<Matrix>((acc, d, i) => kron(acc, i === w ? op : identity(d)), identity(1));

/** Collective spin of N atoms in the basis k = 0…N, m = N/2 − k. */
function spinMatrices(atoms: number): { readonly lz: Matrix; readonly lx: Matrix; readonly raise: Matrix } {
  const l = atoms / 2;
  const d = atoms + 1;
  const lz = zeros(d);
  const raise = zeros(d);
  for (let k = 0; k < d; k++) {
    const m = l - k;
    lz.a[k * d + k] = m;
    // L₊|m⟩ = √(l(l+1) − m(m+1))|m+1⟩, and m + 1 is level k − 1.
    if (k > 0) raise.a[(k - 1) * d + k] = Math.sqrt(l * (l + 1) - m * (m + 1));
  }
  return { lz, lx: add({ c: 0.5, m: raise }, { c: 0.5, m: transpose(raise) }), raise };
}

/** exp(−iθH)ψ, independently of the engine (dense Taylor steps; see support/dense-evolution.ts). */
function evolve(h: Matrix, theta: number, re: Float64Array, im: Float64Array): void {
  evolveDense(h.a, theta, re, im);
}

/** Probabilities aggregated by memory string: the measured wires' digits, in measure order. */
function distributionOf(dims: readonly number[], measures: readonly number[], re: Float64Array, im: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  if (measures.length === 0) return out;
  for (let i = 0; i < re.length; i++) {
    const p = re[i]! ** 2 + im[i]! ** 2;
    if (p === 0) continue;
    let rest = i;
    const digits = new Array<number>(dims.length);
    for (let w = dims.length - 1; w >= 0; w--) {
      digits[w] = rest % dims[w]!;
      rest = Math.floor(rest / dims[w]!);
    }
    const key = measures.map((w) => digits[w]).join(' ');
    out[key] = (out[key] ?? 0) + p;
  }
  return out;
}

function expectSame(backend: SimBackend, experiment: SimExperiment, want: Record<string, number>): void {
  const got = exactDistribution(backend, experiment);
  for (const key of new Set([...Object.keys(got), ...Object.keys(want)])) {
    expect(Math.abs((got[key] ?? 0) - (want[key] ?? 0)), `${backend} ${JSON.stringify(experiment.instructions)} outcome "${key}"`).toBeLessThan(1e-9);
  }
}

const experimentOf = (instructions: Instruction[], numWires: number): SimExperiment => ({
  instructions,
  shots: 1,
  num_wires: numWires,
  wire_order: 'interleaved',
});
const ground = (size: number): [Float64Array, Float64Array] => {
  const re = new Float64Array(size);
  re[0] = 1;
  return [re, new Float64Array(size)];
};

describe('every gate against an independent dense exponential (seeded random circuits)', () => {
  it('singlequdit: rlx (closed form on the loaded state, parity blocks after), rlz, rlz2, sq_full', () => {
    const random = seeded(1201);
    for (let c = 0; c < 30; c++) {
      const atoms = 1 + Math.floor(random() * 9);
      const { lx, lz } = spinMatrices(atoms);
      const gates: Record<string, (p: number[]) => Matrix> = {
        rlx: () => lx,
        rlz: () => lz,
        rlz2: () => mul(lz, lz),
        sq_full: ([o = 0, d = 0, x = 0]) => add({ c: o, m: lx }, { c: d, m: lz }, { c: x, m: mul(lz, lz) }),
      };
      const names = Object.keys(gates);
      const instructions: Instruction[] = [['load', [0], [atoms]]];
      const [re, im] = ground(atoms + 1);
      for (let g = 0; g < 1 + Math.floor(random() * 5); g++) {
        const name = names[Math.floor(random() * names.length)]!;
        const params = name === 'sq_full' ? [random() * 3, random() * 3 - 1, random()] : [random() * 2 * Math.PI];
        instructions.push([name, [0], params]);
        evolve(gates[name]!(params), name === 'sq_full' ? 1 : params[0]!, re, im);
      }
      instructions.push(['measure', [0], []]);
      expectSame('singlequdit', experimentOf(instructions, 1), distributionOf([atoms + 1], [0], re, im));
    }
  });

  it('multiqudit: rlx, rlz, rlz2 per wire, rlzlz, rlxly on pairs and as a chain, multiqudit_full', () => {
    const random = seeded(1202);
    for (let c = 0; c < 30; c++) {
      const n = 1 + Math.floor(random() * 3);
      const atoms = Array.from({ length: n }, () => 1 + Math.floor(random() * 3));
      const dims = atoms.map((a) => a + 1);
      const spins = atoms.map(spinMatrices);
      const lzOn = (w: number): Matrix => onWire(dims, w, spins[w]!.lz);
      const flipFlop = (a: number, b: number): Matrix => {
        const up = (w: number): Matrix => onWire(dims, w, spins[w]!.raise);
        const down = (w: number): Matrix => onWire(dims, w, transpose(spins[w]!.raise));
        return add({ c: 1, m: mul(up(a), down(b)) }, { c: 1, m: mul(down(a), up(b)) });
      };
      const instructions: Instruction[] = atoms.map((a, w): Instruction => ['load', [w], [a]]);
      const [re, im] = ground(dims.reduce((x, y) => x * y, 1));
      for (let g = 0; g < 1 + Math.floor(random() * 5); g++) {
        const w = Math.floor(random() * n);
        const theta = random() * 2 * Math.PI;
        const kind = Math.floor(random() * (n > 1 ? 7 : 4));
        if (kind === 0) {
          instructions.push(['rlx', [w], [theta]]);
          evolve(onWire(dims, w, spins[w]!.lx), theta, re, im);
        } else if (kind === 1) {
          instructions.push(['rlz', [w], [theta]]);
          evolve(lzOn(w), theta, re, im);
        } else if (kind === 2) {
          instructions.push(['rlz2', [w], [theta]]);
          evolve(mul(lzOn(w), lzOn(w)), theta, re, im);
        } else if (kind === 3) {
          const p = [random(), random() - 0.5, random() * 0.3, n > 1 ? random() * 0.5 : 0, n > 1 ? random() * 0.5 : 0];
          instructions.push(['multiqudit_full', dims.map((_, i) => i), p]);
          const terms = dims.flatMap((_, i) => [
            { c: p[0]!, m: onWire(dims, i, spins[i]!.lx) },
            { c: p[1]!, m: lzOn(i) },
            { c: p[2]!, m: mul(lzOn(i), lzOn(i)) },
          ]);
          for (let i = 0; i + 1 < n; i++) terms.push({ c: p[3]!, m: flipFlop(i, i + 1) }, { c: p[4]!, m: mul(lzOn(i), lzOn(i + 1)) });
          evolve(add(...terms), 1, re, im);
        } else {
          const a = Math.min(w, n - 2);
          if (kind === 4) {
            instructions.push(['rlzlz', [a, a + 1], [theta]]);
            evolve(mul(lzOn(a), lzOn(a + 1)), theta, re, im);
          } else if (kind === 5) {
            instructions.push(['rlxly', [a, a + 1], [theta]]);
            evolve(flipFlop(a, a + 1), theta, re, im);
          } else {
            instructions.push(['rlxly', dims.map((_, i) => i), [theta]]);
            evolve(add(...Array.from({ length: n - 1 }, (_, i) => ({ c: 1, m: flipFlop(i, i + 1) }))), theta, re, im);
          }
        }
      }
      const measures = dims.map((_, i) => i).filter(() => random() < 0.8);
      instructions.push(...measures.map((w): Instruction => ['measure', [w], []]));
      expectSame('multiqudit', experimentOf(instructions, n), distributionOf(dims, measures, re, im));
    }
  });

  it('fermions: loads, fhop on each tweezer pair, fint, fphase (Jordan–Wigner in wire order)', () => {
    const random = seeded(1203);
    const modes = 8;
    const dims = new Array<number>(modes).fill(2);
    const annihilate: Matrix = { n: 2, a: Float64Array.of(0, 1, 0, 0) };
    const parity: Matrix = { n: 2, a: Float64Array.of(1, 0, 0, -1) };
    // c_w = (|0⟩⟨1| on w) ⊗ Z on every later wire: the string runs over the wires after w.
    const c = Array.from({ length: modes }, (_, w) =>
      dims.reduce<Matrix>((acc, _d, i) => kron(acc, i === w ? annihilate : i > w ? parity : identity(2)), identity(1)),
    );
    const cd = c.map(transpose);
    const number = c.map((cw, w) => mul(cd[w]!, cw));
    const hop = (a: number, b: number): Matrix => add({ c: 1, m: mul(cd[a]!, c[b]!) }, { c: 1, m: mul(cd[b]!, c[a]!) });
    for (let k = 0; k < 25; k++) {
      const loaded = dims.map((_, w) => w).filter(() => random() < 0.45);
      const instructions: Instruction[] = loaded.map((w): Instruction => ['load', [w], []]);
      let [re, im] = ground(256);
      for (const w of loaded) {
        const nr = new Float64Array(256);
        const ni = new Float64Array(256);
        for (let i = 0; i < 256; i++)
          for (let j = 0; j < 256; j++) {
            const v = cd[w]!.a[i * 256 + j]!;
            if (v !== 0) {
              nr[i] = nr[i]! + v * re[j]!;
              ni[i] = ni[i]! + v * im[j]!;
            }
          }
        [re, im] = [nr, ni];
      }
      for (let g = 0; g < 1 + Math.floor(random() * 6); g++) {
        const theta = random() * 2 * Math.PI;
        const kind = Math.floor(random() * 3);
        if (kind === 0) {
          const [a, b, cc, d] = [
            [0, 1, 2, 3],
            [2, 3, 4, 5],
            [4, 5, 6, 7],
          ][Math.floor(random() * 3)]!;
          instructions.push(['fhop', [a!, b!, cc!, d!], [theta]]);
          evolve(add({ c: 1, m: hop(a!, cc!) }, { c: 1, m: hop(b!, d!) }), theta, re, im);
        } else if (kind === 1) {
          instructions.push(['fint', [0, 1, 2, 3, 4, 5, 6, 7], [theta]]);
          evolve(add(...[0, 1, 2, 3].map((t) => ({ c: 1, m: mul(number[2 * t]!, number[2 * t + 1]!) }))), theta, re, im);
        } else {
          const t = Math.floor(random() * 4);
          instructions.push(['fphase', [2 * t, 2 * t + 1], [theta]]);
          evolve(add({ c: 1, m: number[2 * t]! }, { c: 1, m: number[2 * t + 1]! }), theta, re, im);
        }
      }
      const measures = dims.map((_, w) => w).filter(() => random() < 0.6);
      instructions.push(...measures.map((w): Instruction => ['measure', [w], []]));
      expectSame('fermions', experimentOf(instructions, modes), distributionOf(dims, measures, re, im));
    }
  });

  it('rydberg: rlx, rlz per atom, rydberg_block, rydberg_full', () => {
    const random = seeded(1204);
    for (let k = 0; k < 30; k++) {
      const n = 1 + Math.floor(random() * 5);
      const dims = new Array<number>(n).fill(2);
      const half = spinMatrices(1);
      const excited: Matrix = { n: 2, a: Float64Array.of(0, 0, 0, 1) };
      const nOn = (w: number): Matrix => onWire(dims, w, excited);
      const blockade = add(
        { c: 0, m: identity(2 ** n) },
        ...Array.from({ length: n }, (_, a) => Array.from({ length: n - a - 1 }, (__, d) => ({ c: 1 / (d + 1) ** 6, m: mul(nOn(a), nOn(a + d + 1)) }))).flat(),
      );
      const instructions: Instruction[] = [];
      const [re, im] = ground(2 ** n);
      for (let g = 0; g < 1 + Math.floor(random() * 4); g++) {
        const w = Math.floor(random() * n);
        const kind = Math.floor(random() * 4);
        if (kind === 0) {
          const theta = random() * 2 * Math.PI;
          instructions.push(['rlx', [w], [theta]]);
          evolve(onWire(dims, w, half.lx), theta, re, im);
        } else if (kind === 1) {
          const theta = random() * 2 * Math.PI;
          instructions.push(['rlz', [w], [theta]]);
          evolve(onWire(dims, w, half.lz), theta, re, im);
        } else if (kind === 2) {
          const theta = random() * 10;
          instructions.push(['rydberg_block', dims.map((_, i) => i), [theta]]);
          evolve(blockade, theta, re, im);
        } else {
          const [omega, delta, phi] = [random() * 12, random() * 4 - 2, random() * 30];
          instructions.push(['rydberg_full', dims.map((_, i) => i), [omega, delta, phi]]);
          const drive = dims.flatMap((_, i) => [
            { c: omega, m: onWire(dims, i, half.lx) },
            { c: delta, m: onWire(dims, i, half.lz) },
          ]);
          evolve(add(...drive, { c: phi, m: blockade }), 1, re, im);
        }
      }
      const measures = dims.map((_, i) => i).filter(() => random() < 0.8);
      instructions.push(...measures.map((w): Instruction => ['measure', [w], []]));
      expectSame('rydberg', experimentOf(instructions, n), distributionOf(dims, measures, re, im));
    }
  });
});
