/**
 * A tridiagonal generator symmetric under the reflection k → N − k (Lx: its elements only depend
 * on |m|) does not mix the even and odd combinations (e_k ± e_{N−k})/√2, so exp(−iθH) is two
 * half-size blocks: half the work of the full eigenbasis per application, still exact.
 */
import { evolveFibre, rangeOffsets, type Phases, type Scratch, phasesOf, scratchOf } from './eigen-evolution.js';
import { tridiagonalEigen, type SymmetricEigen } from './symmetric-eigen.js';

export interface ParityEigen {
  /** Levels N + 1. */
  readonly n: number;
  /** Pairs (k, N − k) with k < N − k. */
  readonly pairs: number;
  readonly even: SymmetricEigen;
  readonly odd: SymmetricEigen;
}

/** The two blocks of a reflection-symmetric tridiagonal matrix (diagonal d, off-diagonal b; not checked). */
export function parityEigen(d: ArrayLike<number>, b: ArrayLike<number>): ParityEigen {
  const n = d.length;
  const pairs = Math.floor(n / 2);
  const middle = n % 2 === 1;
  const evenD = new Float64Array(pairs + (middle ? 1 : 0));
  const oddD = new Float64Array(pairs);
  const evenB = new Float64Array(Math.max(0, evenD.length - 1));
  const oddB = new Float64Array(Math.max(0, pairs - 1));
  for (let k = 0; k < pairs; k++) {
    evenD[k] = d[k]!;
    oddD[k] = d[k]!;
    if (k + 1 < pairs) {
      evenB[k] = b[k]!;
      oddB[k] = b[k]!;
    }
  }
  if (middle && pairs > 0) {
    // e_M couples to the even combination of its two neighbours: (b_{M−1} + b_M)/√2 = √2·b_{M−1}.
    evenD[pairs] = d[pairs]!;
    evenB[pairs - 1] = Math.SQRT2 * b[pairs - 1]!;
  } else if (middle) {
    evenD[0] = d[0]!;
  } else if (pairs > 0) {
    // The two middle levels are a pair of their own: ± their coupling on the diagonal.
    evenD[pairs - 1] = d[pairs - 1]! + b[pairs - 1]!;
    oddD[pairs - 1] = d[pairs - 1]! - b[pairs - 1]!;
  }
  return { n, pairs, even: tridiagonalEigen(evenD, evenB), odd: tridiagonalEigen(oddD, oddB) };
}

export interface ParityPhases {
  readonly even: Phases;
  readonly odd: Phases;
}

export function parityPhases(p: ParityEigen, theta: number): ParityPhases {
  return { even: phasesOf(p.even, theta), odd: phasesOf(p.odd, theta) };
}

export interface ParityScratch {
  readonly er: Float64Array;
  readonly ei: Float64Array;
  readonly or: Float64Array;
  readonly oi: Float64Array;
  readonly work: Scratch;
}

export function parityScratch(p: ParityEigen): ParityScratch {
  return {
    er: new Float64Array(p.even.n),
    ei: new Float64Array(p.even.n),
    or: new Float64Array(p.odd.n),
    oi: new Float64Array(p.odd.n),
    work: scratchOf(p.even.n),
  };
}

/** ψ[base + along[k]] ← exp(−iθH)ψ on one fibre: fold into even/odd halves, evolve each, unfold. */
export function evolveParityFibre(
  p: ParityEigen,
  phases: ParityPhases,
  re: Float64Array,
  im: Float64Array,
  base: number,
  along: Int32Array,
  s: ParityScratch,
): void {
  const { n, pairs } = p;
  const { er, ei, or, oi } = s;
  const h = Math.SQRT1_2;
  let any = false;
  for (let k = 0; k < pairs; k++) {
    const lo = base + along[k]!;
    const hi = base + along[n - 1 - k]!;
    const ar = re[lo]!;
    const ai = im[lo]!;
    const br = re[hi]!;
    const bi = im[hi]!;
    if (ar !== 0 || ai !== 0 || br !== 0 || bi !== 0) any = true;
    er[k] = (ar + br) * h;
    ei[k] = (ai + bi) * h;
    or[k] = (ar - br) * h;
    oi[k] = (ai - bi) * h;
  }
  if (n % 2 === 1) {
    const mid = base + along[pairs]!;
    er[pairs] = re[mid]!;
    ei[pairs] = im[mid]!;
    if (er[pairs] !== 0 || ei[pairs] !== 0) any = true;
  }
  if (!any) return;
  evolveFibre(p.even, phases.even, er, ei, 0, rangeOffsets(p.even.n), s.work);
  evolveFibre(p.odd, phases.odd, or, oi, 0, rangeOffsets(p.odd.n), s.work);
  for (let k = 0; k < pairs; k++) {
    const lo = base + along[k]!;
    const hi = base + along[n - 1 - k]!;
    re[lo] = (er[k]! + or[k]!) * h;
    im[lo] = (ei[k]! + oi[k]!) * h;
    re[hi] = (er[k]! - or[k]!) * h;
    im[hi] = (ei[k]! - oi[k]!) * h;
  }
  if (n % 2 === 1) {
    const mid = base + along[pairs]!;
    re[mid] = er[pairs]!;
    im[mid] = ei[pairs]!;
  }
}
