import { SimulationError, type SimBackend, type SimExperiment } from './experiment.js';
import { applyDiagonal, applyHamiltonian, applyOnWire, cachedTridiagonal, digit, groundState, spin, strides, type Couplings, type State } from './state.js';

/** What a run leaves for sampling: basis probabilities and how to read the measured values off a basis index. */
export interface Outcome {
  readonly probabilities: Float64Array;
  /** The memory string of a basis index (values of the measured wires, in measure order). */
  readonly memoryOf: (index: number) => string;
  /** True when nothing is measured: memory is `[]` whatever the shots. */
  readonly nothingMeasured: boolean;
}

type Instruction = SimExperiment['instructions'][number];

const probabilitiesOf = (state: State): Float64Array => state.re.map((r, i) => r * r + state.im[i]! ** 2);

/** One wire's collective-spin gate (rlx, rlz, rlz2, sq_full) on a wire of `atoms` atoms. */
function applySpinGate(state: State, wire: number, atoms: number, name: string, params: readonly number[]): void {
  const s = spin(atoms);
  const stride = strides(state.dims)[wire]!;
  const dim = state.dims[wire]!;
  const m = (i: number): number => s.m[digit(i, stride, dim)]!;
  if (name === 'rlz') return applyDiagonal(state, m, params[0]!);
  if (name === 'rlz2') return applyDiagonal(state, (i) => m(i) ** 2, params[0]!);
  if (name === 'rlx') {
    return applyOnWire(state, wire, cachedTridiagonal(`lx:${atoms}`, () => new Float64Array(dim), () => s.lxOff), params[0]!);
  }
  if (name === 'sq_full') {
    const [omega = 0, delta = 0, chi = 0] = params;
    const eigen = cachedTridiagonal(`sq:${atoms}:${omega}:${delta}:${chi}`, () => s.m.map((mk) => delta * mk + chi * mk * mk), () => s.lxOff.map((x) => omega * x));
    return applyOnWire(state, wire, eigen, 1);
  }
  throw new SimulationError(`${name} is not a collective-spin gate`);
}

function singlequdit(experiment: SimExperiment): Outcome {
  let atoms = 1;
  let state = groundState([2]);
  let measured: Float64Array | undefined;
  for (const [name, , params] of experiment.instructions) {
    if (name === 'load') {
      atoms = params[0]!;
      state = groundState([atoms + 1]);
    } else if (name === 'measure') {
      // The reference samples the state at the last measure; later gates do not count.
      measured = probabilitiesOf(state);
    } else if (name !== 'barrier') {
      applySpinGate(state, 0, atoms, name, params);
    }
  }
  if (!measured) throw new SimulationError('singlequdit needs a measure instruction');
  return { probabilities: measured, memoryOf: (i) => String(i), nothingMeasured: false };
}

function flipFlop(state: State, atoms: readonly number[], a: number, b: number): Couplings {
  const st = strides(state.dims);
  const sa = spin(atoms[a]!);
  const sb = spin(atoms[b]!);
  return (i, emit) => {
    const ka = digit(i, st[a]!, state.dims[a]!);
    const kb = digit(i, st[b]!, state.dims[b]!);
    // L₊ₐL₋ᵦ: a goes up (k−1), b goes down (k+1); and the transpose.
    if (ka > 0 && kb < state.dims[b]! - 1) emit(i - st[a]! + st[b]!, sa.lowering[ka - 1]! * sb.lowering[kb]!);
    if (kb > 0 && ka < state.dims[a]! - 1) emit(i + st[a]! - st[b]!, sa.lowering[ka]! * sb.lowering[kb - 1]!);
  };
}

function multiqudit(experiment: SimExperiment): Outcome {
  const n = experiment.num_wires;
  const atoms = new Array<number>(n).fill(1);
  // Every load acts before any gate, wherever it is written (protocol.md §6.2).
  for (const [name, wires, params] of experiment.instructions) if (name === 'load') atoms[wires[0]!] = params[0]!;
  const state = groundState(atoms.map((a) => a + 1));
  const st = strides(state.dims);
  const m = (w: number, i: number): number => atoms[w]! / 2 - digit(i, st[w]!, state.dims[w]!);
  const measures: number[] = [];
  for (const [name, wires, params] of experiment.instructions) {
    if (name === 'load' || name === 'barrier') continue;
    if (name === 'measure') {
      measures.push(wires[0]!);
    } else if (name === 'rlx' || name === 'rlz' || name === 'rlz2') {
      applySpinGate(state, wires[0]!, atoms[wires[0]!]!, name, params);
    } else if (name === 'rlzlz') {
      if (wires.length === 2) applyDiagonal(state, (i) => m(wires[0]!, i) * m(wires[1]!, i), params[0]!);
    } else if (name === 'rlxly') {
      const pairs = wires.length === 2 ? [[wires[0]!, wires[1]!]] : wires.length === n ? Array.from({ length: n - 1 }, (_, w) => [w, w + 1]) : [];
      if (pairs.length === 0) continue;
      const terms = pairs.map(([a, b]) => flipFlop(state, atoms, a!, b!));
      applyHamiltonian(state, `rlxly:${atoms}:${pairs.flat()}`, (i, emit) => terms.forEach((t) => t(i, emit)), params[0]!);
    } else if (name === 'multiqudit_full') {
      const [omega = 0, delta = 0, chi = 0, jxy = 0, jzz = 0] = params;
      const spins = atoms.map((a) => spin(a));
      const hops = Array.from({ length: n - 1 }, (_, w) => flipFlop(state, atoms, w, w + 1));
      applyHamiltonian(state, `mqfull:${atoms}:${params}`, (i, emit) => {
        let diagonal = 0;
        for (let w = 0; w < n; w++) {
          const k = digit(i, st[w]!, state.dims[w]!);
          const mw = m(w, i);
          diagonal += delta * mw + chi * mw * mw;
          if (w < n - 1) diagonal += jzz * mw * m(w + 1, i);
          if (k > 0) emit(i - st[w]!, omega * spins[w]!.lxOff[k - 1]!);
          if (k < state.dims[w]! - 1) emit(i + st[w]!, omega * spins[w]!.lxOff[k]!);
        }
        if (diagonal !== 0) emit(i, diagonal);
        hops.forEach((hop) => hop(i, (j, v) => emit(j, jxy * v)));
      }, 1);
    } else {
      throw new SimulationError(`multiqudit has no instruction ${name}`);
    }
  }
  return { probabilities: probabilitiesOf(state), memoryOf: (i) => measures.map((w) => digit(i, st[w]!, state.dims[w]!)).join(' '), nothingMeasured: measures.length === 0 };
}

const MODES = 8;
const popBelow = (s: number, w: number): number => {
  let x = s & ((1 << w) - 1);
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
};

/** c†_to c_from with Jordan–Wigner signs in wire order. */
function hop(from: number, to: number): Couplings {
  return (s, emit) => {
    if (!(s & (1 << from)) || s & (1 << to)) return;
    const mid = s & ~(1 << from);
    const sign = (popBelow(s, from) + popBelow(mid, to)) % 2 === 0 ? 1 : -1;
    emit(mid | (1 << to), sign);
  };
}

function fermions(experiment: SimExperiment): Outcome {
  const state = groundState(new Array<number>(MODES).fill(2));
  // Mode w is bit w of the basis index (the product basis's last wire is its lowest digit).
  const bit = (w: number): number => MODES - 1 - w;
  const occupied = (i: number, w: number): number => (i >> bit(w)) & 1;
  const measures: number[] = [];
  for (const [name, wires, params] of experiment.instructions) {
    if (name === 'barrier') continue;
    if (name === 'measure') {
      measures.push(wires[0]!);
    } else if (name === 'load') {
      const b = bit(wires[0]!);
      const re = new Float64Array(state.re.length);
      const im = new Float64Array(state.im.length);
      for (let s = 0; s < re.length; s++) {
        if (s & (1 << b)) continue;
        const sign = popBelow(s, b) % 2 === 0 ? 1 : -1;
        re[s | (1 << b)] = sign * state.re[s]!;
        im[s | (1 << b)] = sign * state.im[s]!;
      }
      state.re.set(re);
      state.im.set(im);
    } else if (name === 'fhop') {
      const [a, b, c, d] = wires.map(bit) as [number, number, number, number];
      const terms = [hop(c, a), hop(a, c), hop(d, b), hop(b, d)];
      applyHamiltonian(state, `fhop:${wires}`, (s, emit) => terms.forEach((t) => t(s, emit)), params[0]!);
    } else if (name === 'fint') {
      applyDiagonal(state, (s) => [0, 1, 2, 3].reduce((sum, t) => sum + occupied(s, 2 * t) * occupied(s, 2 * t + 1), 0), params[0]!);
    } else if (name === 'fphase') {
      applyDiagonal(state, (s) => wires.reduce((sum, w) => sum + occupied(s, w), 0), params[0]!);
    } else {
      throw new SimulationError(`fermions has no instruction ${name}`);
    }
  }
  const probabilities = probabilitiesOf(state);
  const total = probabilities.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-8) throw new SimulationError('probabilities do not sum to 1');
  return { probabilities, memoryOf: (i) => measures.map((w) => occupied(i, w)).join(' '), nothingMeasured: measures.length === 0 };
}

function rydberg(experiment: SimExperiment): Outcome {
  const n = experiment.num_wires;
  const state = groundState(new Array<number>(n).fill(2));
  const st = strides(state.dims);
  const excited = (i: number, w: number): number => digit(i, st[w]!, 2);
  const blockade = (i: number): number => {
    let e = 0;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (excited(i, a) && excited(i, b)) e += 1 / (b - a) ** 6;
    return e;
  };
  const measures: number[] = [];
  for (const [name, wires, params] of experiment.instructions) {
    if (name === 'barrier') continue;
    if (name === 'measure') measures.push(wires[0]!);
    else if (name === 'rlx' || name === 'rlz') applySpinGate(state, wires[0]!, 1, name, params);
    else if (name === 'rydberg_block') applyDiagonal(state, blockade, params[0]!);
    else if (name === 'rydberg_full') {
      const [omega = 0, delta = 0, phi = 0] = params;
      applyHamiltonian(state, `ryfull:${n}:${params}`, (i, emit) => {
        let diagonal = phi * blockade(i);
        for (let w = 0; w < n; w++) {
          diagonal += delta * (excited(i, w) ? -0.5 : 0.5);
          emit(excited(i, w) ? i - st[w]! : i + st[w]!, omega / 2);
        }
        if (diagonal !== 0) emit(i, diagonal);
      }, 1);
    } else throw new SimulationError(`rydberg has no instruction ${name}`);
  }
  return { probabilities: probabilitiesOf(state), memoryOf: (i) => measures.map((w) => excited(i, w)).join(' '), nothingMeasured: measures.length === 0 };
}

function mot(experiment: SimExperiment): Outcome {
  let atoms = 0;
  const values: number[] = [];
  for (const [name, , params] of experiment.instructions) {
    if (name === 'load') atoms = params[0]!;
    if (name === 'measure') values.push(atoms);
  }
  return { probabilities: Float64Array.of(1), memoryOf: () => values.join(' '), nothingMeasured: values.length === 0 };
}

const RUNNERS: Record<SimBackend, (experiment: SimExperiment) => Outcome> = { singlequdit, multiqudit, fermions, rydberg, mot };

/** Runs one experiment on a reference backend's physics. */
export function runExperiment(backend: SimBackend, experiment: SimExperiment): Outcome {
  return RUNNERS[backend](experiment);
}

export type { Instruction };
