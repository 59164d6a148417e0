/**
 * rydberg: a chain of up to 5 two-level atoms (digit 1 = Rydberg state), 2ⁿ ≤ 32 states. One-atom
 * gates are 2×2 along one axis, `rydberg_block` is diagonal, and `rydberg_full` is a 32×32 real
 * symmetric generator whose parameters usually change every experiment of a scan: it goes to
 * whichever of a Chebyshev expansion or a diagonalization costs less (see hamiltonian.ts).
 */
import { applyOnWire, lxEigen, lzDiagonal } from './collective-spin.js';
import { applyDiagonal, diagonalTable, type DiagonalTable } from './diagonal.js';
import { SimulationError, type SimExperiment } from './experiment.js';
import { evolveOperator } from './hamiltonian.js';
import { memo } from './memo.js';
import { productReadout, type Outcome } from './readout.js';
import type { SparseSymmetric } from './sparse.js';
import { digitOf, groundState, probabilitiesOf, type State } from './state.js';

/** Σ_{a<b} nₐn_b/|a − b|⁶ of a basis state. */
function blockadeOf(state: State, i: number): number {
  const n = state.dims.length;
  let e = 0;
  for (let a = 0; a < n; a++) {
    if (!digitOf(i, state.strides[a]!, 2)) continue;
    for (let b = a + 1; b < n; b++) if (digitOf(i, state.strides[b]!, 2)) e += 1 / (b - a) ** 6;
  }
  return e;
}

const blockade = (state: State): DiagonalTable => memo(`ryblock|${state.dims.length}`, () => diagonalTable(state.size, (i) => blockadeOf(state, i)), (t) => t.levelOf.length);

/** Where every element of rydberg_full's generator sits (per atom count): its parameters only scale them. */
interface FullPattern {
  readonly rowPtr: Int32Array;
  readonly cols: Int32Array;
  /** Per entry: −1 on the diagonal, else a drive element (ω/2). */
  readonly diagonalOf: Int32Array;
  /** Σ(±½) of σz/2 and the blockade energy of each basis state. */
  readonly z: Float64Array;
  readonly block: Float64Array;
}

function fullPattern(state: State): FullPattern {
  return memo(`ryfull-pattern|${state.dims.length}`, () => {
    const n = state.dims.length;
    const size = state.size;
    const rowPtr = new Int32Array(size + 1);
    const cols: number[] = [];
    const diagonalOf: number[] = [];
    const z = new Float64Array(size);
    const block = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const entries: [number, number][] = [[i, i]];
      for (let w = 0; w < n; w++) {
        const excited = digitOf(i, state.strides[w]!, 2);
        z[i] = z[i]! + (excited ? -0.5 : 0.5);
        entries.push([excited ? i - state.strides[w]! : i + state.strides[w]!, -1]);
      }
      block[i] = blockadeOf(state, i);
      entries.sort((a, b) => a[0] - b[0]);
      for (const [col, diagonal] of entries) {
        cols.push(col);
        diagonalOf.push(diagonal === i ? i : -1);
      }
      rowPtr[i + 1] = cols.length;
    }
    return { rowPtr, cols: Int32Array.from(cols), diagonalOf: Int32Array.from(diagonalOf), z, block };
  }, (p) => 2 * p.cols.length + 3 * p.z.length);
}

/** ω Σσx/2 + δ Σσz/2 + φ Σnᵢnⱼ/|i−j|⁶ filled into the cached pattern, with its Gershgorin bounds. */
function fullOperator(state: State, omega: number, delta: number, phi: number): SparseSymmetric {
  const { rowPtr, cols, diagonalOf, z, block } = fullPattern(state);
  const values = new Float64Array(cols.length);
  const drive = omega / 2;
  const radius = Math.abs(drive) * state.dims.length;
  let lower = Number.POSITIVE_INFINITY;
  let upper = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < state.size; i++) {
    const diagonal = delta * z[i]! + phi * block[i]!;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) values[p] = diagonalOf[p]! >= 0 ? diagonal : drive;
    lower = Math.min(lower, diagonal - radius);
    upper = Math.max(upper, diagonal + radius);
  }
  return { n: state.size, rowPtr, cols, values, lower, upper };
}

export function rydberg(experiment: SimExperiment): Outcome {
  const n = experiment.num_wires;
  const state = groundState(new Array<number>(n).fill(2));
  const measures: number[] = [];
  for (const [name, wires, params] of experiment.instructions) {
    const theta = params[0] ?? 0;
    const wire = wires[0];
    if (name === 'barrier') continue;
    if (name === 'measure') {
      if (wire !== undefined) measures.push(wire);
    } else if (name === 'rlx' || name === 'rlz') {
      // σx/2 and σz/2 are the collective spin of one atom; a gate without a wire acts on nothing.
      if (wire === undefined) continue;
      if (name === 'rlx') applyOnWire(state, wire, lxEigen(1), theta);
      else applyDiagonal(state, lzDiagonal(state, wire, 1, 1), theta);
    } else if (name === 'rydberg_block') {
      applyDiagonal(state, blockade(state), theta);
    } else if (name === 'rydberg_full') {
      const [omega = 0, delta = 0, phi = 0] = params;
      evolveOperator(state.re, state.im, `ryfull|${n}|${omega}|${delta}|${phi}`, () => fullOperator(state, omega, delta, phi), 1, false);
    } else {
      throw new SimulationError(`rydberg has no instruction ${name}`);
    }
  }
  return { probabilities: probabilitiesOf(state), readout: productReadout(state.dims, state.strides, measures) };
}
