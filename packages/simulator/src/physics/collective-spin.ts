/**
 * One collective spin l = N/2 per wire (basis k = 0…N, m = l − k) and its gates. A one-wire gate
 * is a (N+1)×(N+1) unitary applied along one tensor axis: (dim × dim_w) work, never dim².
 */
import { evolveFibre, phasesOf, scratchOf } from './eigen-evolution.js';
import { memo } from './memo.js';
import { diagonalTable, type DiagonalTable } from './diagonal.js';
import { offsetsOf, otherWires, type State } from './state.js';
import { evolveParityFibre, parityEigen, parityPhases, parityScratch, type ParityEigen } from './parity.js';
import type { SymmetricEigen } from './symmetric-eigen.js';

/** m_k = l − k, the lowering elements √(l(l+1) − m(m−1)) between k and k+1, and Lx's off-diagonal (half of them). */
export interface CollectiveSpin {
  readonly m: Float64Array;
  readonly lowering: Float64Array;
  readonly lxOff: Float64Array;
}

export function collectiveSpin(atoms: number): CollectiveSpin {
  return memo(
    `spin|${atoms}`,
    () => {
      const l = atoms / 2;
      const d = atoms + 1;
      const m = new Float64Array(d);
      const lowering = new Float64Array(Math.max(0, d - 1));
      for (let k = 0; k < d; k++) m[k] = l - k;
      for (let k = 0; k < d - 1; k++) lowering[k] = Math.sqrt(l * (l + 1) - m[k]! * (m[k]! - 1));
      return { m, lowering, lxOff: lowering.map((a) => a / 2) };
    },
    (s) => 3 * s.m.length,
  );
}

/**
 * The eigenbasis of Lx on N atoms, split by the reflection m → −m (see parity.ts): angle-independent,
 * so one diagonalization serves a whole scan.
 */
export function lxEigen(atoms: number): ParityEigen {
  return memo(
    `lx|${atoms}`,
    () => parityEigen(new Float64Array(atoms + 1), collectiveSpin(atoms).lxOff),
    (e) => e.even.n ** 2 + e.odd.n ** 2,
  );
}

interface AxisWalk {
  /** Offsets of the wire's levels within a fibre. */
  readonly along: Int32Array;
  /** First index of every fibre. */
  readonly bases: Int32Array;
}

function axisWalk(state: State, wire: number): AxisWalk {
  return memo(
    `axis|${state.dims.join('x')}|${wire}`,
    () => ({
      along: offsetsOf(state.dims, state.strides, [wire]),
      bases: offsetsOf(state.dims, state.strides, otherWires(state.dims, [wire])),
    }),
    (w) => w.along.length + w.bases.length,
  );
}

/** ψ ← (1 ⊗ … ⊗ exp(−iθH_w) ⊗ … ⊗ 1)ψ for a one-wire H given by its eigen-decomposition. */
export function applyOnWire(state: State, wire: number, eigen: SymmetricEigen | ParityEigen, theta: number): void {
  const { along, bases } = axisWalk(state, wire);
  if ('even' in eigen) {
    const phases = parityPhases(eigen, theta);
    const scratch = parityScratch(eigen);
    for (let f = 0; f < bases.length; f++) evolveParityFibre(eigen, phases, state.re, state.im, bases[f]!, along, scratch);
    return;
  }
  const phases = phasesOf(eigen, theta);
  const scratch = scratchOf(eigen.n);
  for (let f = 0; f < bases.length; f++) evolveFibre(eigen, phases, state.re, state.im, bases[f]!, along, scratch);
}

/**
 * exp(−iθLx) on the freshly loaded state (every atom in the first level), in closed form: the
 * coherent spin state √C(N,k)·cos(θ/2)^{N−k}·(−i sin(θ/2))^k, computed in logarithms so that
 * N = 500 neither overflows nor underflows. O(N) instead of a product with the eigenbasis.
 */
export function rotatedGroundState(atoms: number, theta: number, re: Float64Array, im: Float64Array): void {
  const c = Math.cos(theta / 2);
  const s = Math.sin(theta / 2);
  const logC = Math.log(Math.abs(c));
  const logS = Math.log(Math.abs(s));
  let logBinomial = 0;
  for (let k = 0; k <= atoms; k++) {
    if (k > 0) logBinomial += Math.log((atoms - k + 1) / k);
    // 0^0 = 1: an exact zero factor only counts when its power is positive.
    const up = atoms - k;
    const log = 0.5 * logBinomial + (up > 0 ? up * logC : 0) + (k > 0 ? k * logS : 0);
    let magnitude = Math.exp(log);
    if ((c < 0 && up % 2 === 1) !== (s < 0 && k % 2 === 1)) magnitude = -magnitude;
    // (−i)^k
    const quarter = k % 4;
    re[k] = quarter === 0 ? magnitude : quarter === 2 ? -magnitude : 0;
    im[k] = quarter === 1 ? -magnitude : quarter === 3 ? magnitude : 0;
  }
}

/** Lz (power 1) or Lz² (power 2) of one wire as a diagonal over the whole state. */
export function lzDiagonal(state: State, wire: number, atoms: number, power: 1 | 2): DiagonalTable {
  return memo(
    `lz${power}|${state.dims.join('x')}|${wire}|${atoms}`,
    () => {
      const { m } = collectiveSpin(atoms);
      const stride = state.strides[wire] ?? 1;
      const dim = state.dims[wire] ?? 1;
      return diagonalTable(state.size, (i) => {
        const mk = m[Math.floor(i / stride) % dim]!;
        return power === 1 ? mk : mk * mk;
      });
    },
    (t) => t.levelOf.length,
  );
}
