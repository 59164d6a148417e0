/**
 * rydberg: a chain of up to 5 two-level atoms (digit 1 = Rydberg state), 2ⁿ ≤ 32 states. One-atom
 * gates are 2×2 along one axis, `rydberg_block` is diagonal, and `rydberg_full` is a 32×32 real
 * symmetric generator whose parameters usually change every experiment of a scan: it goes to
 * whichever of a Chebyshev expansion or a diagonalization costs less (see hamiltonian.ts). The chain
 * is symmetric under reversal, so a reversal-symmetric state (the loaded ground state, and whatever
 * symmetric gates make of it) is evolved in the symmetric subspace: 20 of the 32 states for 5 atoms.
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

const blockade = (state: State): DiagonalTable =>
  memo(
    `ryblock|${state.dims.length}`,
    () => diagonalTable(state.size, (i) => blockadeOf(state, i)),
    (t) => t.levelOf.length,
  );

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
  return memo(
    `ryfull-pattern|${state.dims.length}`,
    () => {
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
    },
    (p) => 2 * p.cols.length + 3 * p.z.length,
  );
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

/**
 * The chain's reversal a → n − 1 − a and its symmetric subspace: one state per orbit {i, R(i)}
 * (|i⟩ for a palindrome, (|i⟩ + |R(i)⟩)/√2 for a pair), and rydberg_full's generator there. As H
 * commutes with R, ⟨a|H|b⟩ = √(|Sₐ|/|S_b|)·Σ_{j∈S_b} H_{rep(a), j}: each reduced row is a
 * weighted fold of one full row, so the reduced values are a fixed linear map of the full ones.
 */
interface Reflection {
  readonly mirror: Int32Array;
  /** Orbit (reduced index) of every basis state, its representative (smallest member) and √|orbit|. */
  readonly orbitOf: Int32Array;
  readonly representative: Int32Array;
  readonly root: Float64Array;
  readonly rowPtr: Int32Array;
  readonly cols: Int32Array;
  /** Reduced value p = ω·omega[p] + δ·delta[p] + φ·phi[p] (the fold of the full values, per parameter). */
  readonly omega: Float64Array;
  readonly delta: Float64Array;
  readonly phi: Float64Array;
}

function reflection(state: State): Reflection {
  return memo(
    `ryreflection|${state.dims.length}`,
    () => {
      const n = state.dims.length;
      const size = state.size;
      const { rowPtr: fullPtr, cols: fullCols, diagonalOf, z, block } = fullPattern(state);
      const mirror = new Int32Array(size);
      for (let i = 0; i < size; i++) {
        let j = 0;
        for (let a = 0; a < n; a++) if (digitOf(i, state.strides[a]!, 2)) j += state.strides[n - 1 - a]!;
        mirror[i] = j;
      }
      const orbitOf = new Int32Array(size).fill(-1);
      const representative: number[] = [];
      const root: number[] = [];
      for (let i = 0; i < size; i++) {
        if (orbitOf[i]! >= 0) continue;
        orbitOf[i] = orbitOf[mirror[i]!] = representative.length;
        representative.push(i);
        root.push(mirror[i] === i ? 1 : Math.SQRT2);
      }
      const rowPtr = [0];
      const cols: number[] = [];
      const omega: number[] = [];
      const delta: number[] = [];
      const phi: number[] = [];
      for (let a = 0; a < representative.length; a++) {
        const rep = representative[a]!;
        // Terms grouped by reduced column, columns in order of first appearance.
        const byColumn = new Map<number, [number, number][]>();
        for (let p = fullPtr[rep]!; p < fullPtr[rep + 1]!; p++) {
          const b = orbitOf[fullCols[p]!]!;
          const list = byColumn.get(b) ?? [];
          list.push([p, root[a]! / root[b]!]);
          byColumn.set(b, list);
        }
        for (const [b, terms] of byColumn) {
          cols.push(b);
          let o = 0;
          let d = 0;
          let f = 0;
          // A full entry is δ·z + φ·blockade of its row on the diagonal, ω/2 elsewhere.
          for (const [p, w] of terms) {
            if (diagonalOf[p]! >= 0) {
              d += w * z[rep]!;
              f += w * block[rep]!;
            } else {
              o += w * 0.5;
            }
          }
          omega.push(o);
          delta.push(d);
          phi.push(f);
        }
        rowPtr.push(cols.length);
      }
      return {
        mirror,
        orbitOf,
        representative: Int32Array.from(representative),
        root: Float64Array.from(root),
        rowPtr: Int32Array.from(rowPtr),
        cols: Int32Array.from(cols),
        omega: Float64Array.from(omega),
        delta: Float64Array.from(delta),
        phi: Float64Array.from(phi),
      };
    },
    (r) => 4 * r.mirror.length + 4 * r.cols.length,
  );
}

function isSymmetric(state: State, mirror: Int32Array): boolean {
  const { re, im, size } = state;
  for (let i = 0; i < size; i++) if (re[i] !== re[mirror[i]!] || im[i] !== im[mirror[i]!]) return false;
  return true;
}

/**
 * rydberg_full's generator in the symmetric subspace, with its Gershgorin bounds intersected with
 * the full generator's (which hold too: the subspace's spectrum is part of the full one).
 */
function reducedOperator(state: State, r: Reflection, omega: number, delta: number, phi: number): SparseSymmetric {
  const { rowPtr, cols } = r;
  const n = rowPtr.length - 1;
  const values = new Float64Array(cols.length);
  let lower = Number.POSITIVE_INFINITY;
  let upper = Number.NEGATIVE_INFINITY;
  for (let a = 0; a < n; a++) {
    let diagonal = 0;
    let radius = 0;
    for (let p = rowPtr[a]!; p < rowPtr[a + 1]!; p++) {
      const v = omega * r.omega[p]! + delta * r.delta[p]! + phi * r.phi[p]!;
      values[p] = v;
      if (cols[p] === a) diagonal += v;
      else radius += Math.abs(v);
    }
    lower = Math.min(lower, diagonal - radius);
    upper = Math.max(upper, diagonal + radius);
  }
  const { z, block } = fullPattern(state);
  const fullRadius = Math.abs(omega / 2) * state.dims.length;
  let fullLower = Number.POSITIVE_INFINITY;
  let fullUpper = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < state.size; i++) {
    const diagonal = delta * z[i]! + phi * block[i]!;
    fullLower = Math.min(fullLower, diagonal - fullRadius);
    fullUpper = Math.max(fullUpper, diagonal + fullRadius);
  }
  return { n, rowPtr, cols, values, lower: Math.max(lower, fullLower), upper: Math.min(upper, fullUpper) };
}

/** ψ ← exp(−iH)ψ for rydberg_full, in the symmetric subspace when ψ lies in it. */
function applyFull(state: State, omega: number, delta: number, phi: number): void {
  const n = state.dims.length;
  const key = `${n}|${omega}|${delta}|${phi}`;
  const r = reflection(state);
  if (!isSymmetric(state, r.mirror)) {
    evolveOperator(state.re, state.im, `ryfull|${key}`, () => fullOperator(state, omega, delta, phi), 1, false);
    return;
  }
  const { representative, root, orbitOf } = r;
  const m = representative.length;
  const xr = new Float64Array(m);
  const xi = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    xr[a] = root[a]! * state.re[representative[a]!]!;
    xi[a] = root[a]! * state.im[representative[a]!]!;
  }
  evolveOperator(xr, xi, `ryfull-sym|${key}`, () => reducedOperator(state, r, omega, delta, phi), 1, false, 16);
  for (let i = 0; i < state.size; i++) {
    const a = orbitOf[i]!;
    state.re[i] = xr[a]! / root[a]!;
    state.im[i] = xi[a]! / root[a]!;
  }
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
      applyFull(state, omega, delta, phi);
    } else {
      throw new SimulationError(`rydberg has no instruction ${name}`);
    }
  }
  return { probabilities: probabilitiesOf(state), readout: productReadout(state.dims, state.strides, measures) };
}
