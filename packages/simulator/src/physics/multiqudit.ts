/** multiqudit: up to 5 collective spins in a chain; every load acts before any gate. */
import { applyOnWire, collectiveSpin, lxEigen, lzDiagonal } from './collective-spin.js';
import { applyDiagonal, diagonalTable } from './diagonal.js';
import { SimulationError, type SimExperiment } from './experiment.js';
import { applyFlipFlop } from './flip-flop.js';
import { evolveHamiltonian } from './hamiltonian.js';
import { memo } from './memo.js';
import { productReadout, type Outcome } from './readout.js';
import { digitOf, groundState, type State } from './state.js';
import { probabilitiesOf } from './state.js';

const mOf = (state: State, atoms: readonly number[], w: number, i: number): number =>
  (atoms[w] ?? 1) / 2 - digitOf(i, state.strides[w] ?? 1, state.dims[w] ?? 1);

/** exp(−i Σ_w(ωLx + δLz + χLz²) − i Σ_neighbours(Jxy(L₊L₋ + L₋L₊) + Jzz LzLz)) over all wires. */
function fullEvolution(state: State, atoms: readonly number[], params: readonly number[]): void {
  const [omega = 0, delta = 0, chi = 0, jxy = 0, jzz = 0] = params;
  const n = atoms.length;
  const { dims, strides } = state;
  const spins = atoms.map((a) => collectiveSpin(a));
  evolveHamiltonian(
    state.re,
    state.im,
    `mqfull|${dims.join('x')}|${params.join(',')}`,
    (i, emit) => {
      let diagonal = 0;
      for (let w = 0; w < n; w++) {
        const dim = dims[w]!;
        const st = strides[w]!;
        const k = digitOf(i, st, dim);
        const mw = mOf(state, atoms, w, i);
        diagonal += delta * mw + chi * mw * mw;
        if (w < n - 1) diagonal += jzz * mw * mOf(state, atoms, w + 1, i);
        const lxOff = spins[w]!.lxOff;
        if (k > 0) emit(i - st, omega * lxOff[k - 1]!);
        if (k < dim - 1) emit(i + st, omega * lxOff[k]!);
        if (w < n - 1 && jxy !== 0) {
          const kb = digitOf(i, strides[w + 1]!, dims[w + 1]!);
          const sa = spins[w]!.lowering;
          const sb = spins[w + 1]!.lowering;
          if (k > 0 && kb < dims[w + 1]! - 1) emit(i - st + strides[w + 1]!, jxy * sa[k - 1]! * sb[kb]!);
          if (kb > 0 && k < dim - 1) emit(i + st - strides[w + 1]!, jxy * sa[k]! * sb[kb - 1]!);
        }
      }
      if (diagonal !== 0) emit(i, diagonal);
    },
    1,
    false,
  );
}

export function multiqudit(experiment: SimExperiment): Outcome {
  const n = experiment.num_wires;
  const atoms = new Array<number>(n).fill(1);
  // Every load acts before any gate, wherever it is written (protocol.md §6.2).
  for (const [name, wires, params] of experiment.instructions) if (name === 'load' && wires[0] !== undefined) atoms[wires[0]] = params[0] ?? 1;
  const state = groundState(atoms.map((a) => a + 1));
  const measures: number[] = [];
  for (const [name, wires, params] of experiment.instructions) {
    const theta = params[0] ?? 0;
    const wire = wires[0];
    if (name === 'load' || name === 'barrier') continue;
    if (name === 'measure') {
      if (wire !== undefined) measures.push(wire);
    } else if (name === 'rlx' || name === 'rlz' || name === 'rlz2') {
      // A one-wire gate without a wire acts on nothing.
      if (wire === undefined) continue;
      const a = atoms[wire] ?? 1;
      if (name === 'rlx') applyOnWire(state, wire, lxEigen(a), theta);
      else applyDiagonal(state, lzDiagonal(state, wire, a, name === 'rlz' ? 1 : 2), theta);
    } else if (name === 'rlzlz') {
      // The 5-wire form is a no-op on the reference backend.
      if (wires.length !== 2) continue;
      const [a = 0, b = 0] = wires;
      const table = memo(
        `zz|${state.dims.join('x')}|${a}|${b}`,
        () => diagonalTable(state.size, (i) => mOf(state, atoms, a, i) * mOf(state, atoms, b, i)),
        (t) => t.levelOf.length,
      );
      applyDiagonal(state, table, theta);
    } else if (name === 'rlxly') {
      const [a = 0, b = 0] = wires;
      const pairs: [number, number][] =
        wires.length === 2 ? [[a, b]] : wires.length === n ? Array.from({ length: n - 1 }, (_, w): [number, number] => [w, w + 1]) : [];
      if (pairs.length > 0) applyFlipFlop(state, atoms, pairs, theta);
    } else if (name === 'multiqudit_full') {
      fullEvolution(state, atoms, params);
    } else {
      throw new SimulationError(`multiqudit has no instruction ${name}`);
    }
  }
  return { probabilities: probabilitiesOf(state), readout: productReadout(state.dims, state.strides, measures) };
}
