/**
 * exp(−iθH)ψ by a Chebyshev expansion (Tal-Ezer–Kosloff): with H' = (H − b)/a mapped into [−1, 1],
 * exp(−iθH) = e^{−iθb} Σₖ (2 − δₖ₀)(−i)ᵏ Jₖ(θa) Tₖ(H'). The Bessel coefficients fall off faster than
 * exponentially once k > θa, so the series is cut where they drop below 1e-18: exact to round-off,
 * for the price of ≈ θa + O((θa)^⅓) sparse products — the way to evolve spaces too large to
 * diagonalize (multiqudit_full at 4096 states) or Hamiltonians whose parameters change every
 * experiment (rydberg_full scans).
 */
import type { SparseSymmetric } from './sparse.js';

const TAIL = 1e-17;

/** J₀(x) … J_{count−1}(x) for x ≥ 0, by Miller's backward recurrence normalised with J₀ + 2ΣJ₂ₖ = 1. */
function besselJ(x: number, count: number): Float64Array {
  if (count === 0 || x === 0) {
    const out = new Float64Array(count);
    if (count > 0) out[0] = 1;
    return out;
  }
  const start = Math.max(count, Math.ceil(x)) + 30 + Math.ceil(4 * Math.cbrt(x));
  const f = new Float64Array(start + 2);
  f[start] = 1;
  for (let k = start; k >= 1; k--) {
    f[k - 1] = ((2 * k) / x) * f[k]! - f[k + 1]!;
    // Keep the recurrence in range (tiny x grows it like (2k/x)ᵏ); only ratios matter.
    if (Math.abs(f[k - 1]!) > 1e250) for (let j = k - 1; j <= start; j++) f[j] = f[j]! * 1e-250;
  }
  let norm = f[0]!;
  for (let k = 2; k <= start; k += 2) norm += 2 * f[k]!;
  for (let k = 0; k < count; k++) f[k] = f[k]! / norm;
  return f.subarray(0, count);
}

/** The coefficients Jₖ(|θ|a) the expansion uses, cut after the last one above the tail. */
function coefficients(x: number): Float64Array {
  const count = Math.ceil(x + 16 * Math.cbrt(x) + 40);
  const j = besselJ(x, count);
  let last = count - 1;
  while (last > 0 && Math.abs(j[last]!) < TAIL) last--;
  return j.subarray(0, last + 1);
}

/** Products with H the expansion would take at this θ (its cost, to compare with a diagonalization). */
export function chebyshevTerms(op: SparseSymmetric, theta: number): number {
  const x = (Math.abs(theta) * (op.upper - op.lower)) / 2;
  return Math.ceil(x + 16 * Math.cbrt(x) + 40);
}

/** H' = (H − b)/a with the shift folded into the diagonal, cached per operator. */
interface Scaled {
  readonly rowPtr: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
}

const scaledCache = new WeakMap<SparseSymmetric, Scaled>();

function scaledOf(op: SparseSymmetric, a: number, b: number): Scaled {
  const hit = scaledCache.get(op);
  if (hit) return hit;
  const { n, rowPtr, cols, values } = op;
  const outPtr = new Int32Array(n + 1);
  // At most every entry and one diagonal per row.
  const outCols = new Int32Array(cols.length + n);
  const outValues = new Float64Array(cols.length + n);
  let q = 0;
  for (let i = 0; i < n; i++) {
    let diagonal = -b;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      if (cols[p] === i) diagonal += values[p]!;
      else {
        outCols[q] = cols[p]!;
        outValues[q++] = values[p]! / a;
      }
    }
    if (diagonal !== 0) {
      outCols[q] = i;
      outValues[q++] = diagonal / a;
    }
    outPtr[i + 1] = q;
  }
  const scaled = { rowPtr: outPtr, cols: outCols.subarray(0, q), values: outValues.subarray(0, q) };
  scaledCache.set(op, scaled);
  return scaled;
}

/**
 * y ← f·H'x − y (f = 2: a Chebyshev step, written over φₖ₋₁; f = 1 with y = 0: the first step),
 * and acc += w·(−i)ᵏ·y in the same sweep.
 */
function step(
  m: Scaled,
  f: number,
  xr: Float64Array,
  xi: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
  k: number,
  w: number,
  accR: Float64Array,
  accI: Float64Array,
): void {
  const { rowPtr, cols, values } = m;
  const n = xr.length;
  // (−i)ᵏ = 1, −i, −1, i: the weight lands on the real or the imaginary part, with a sign.
  const quarter = k % 4;
  const rr = quarter === 0 ? w : quarter === 2 ? -w : 0;
  const ri = quarter === 1 ? w : quarter === 3 ? -w : 0;
  for (let i = 0; i < n; i++) {
    let sr = 0;
    let si = 0;
    const end = rowPtr[i + 1]!;
    for (let p = rowPtr[i]!; p < end; p++) {
      const v = values[p]!;
      const c = cols[p]!;
      sr += v * xr[c]!;
      si += v * xi[c]!;
    }
    const nr = f * sr - yr[i]!;
    const ni = f * si - yi[i]!;
    yr[i] = nr;
    yi[i] = ni;
    accR[i] = accR[i]! + rr * nr + ri * ni;
    accI[i] = accI[i]! + rr * ni - ri * nr;
  }
}

/** {@link step} for a real vector (a real ψ stays real under the real recurrence): half the products. */
function stepReal(m: Scaled, f: number, x: Float64Array, y: Float64Array, k: number, w: number, accR: Float64Array, accI: Float64Array): void {
  const { rowPtr, cols, values } = m;
  const n = x.length;
  const quarter = k % 4;
  // (−i)ᵏ is real for even k and imaginary for odd k: only one half of the sum takes this term.
  const acc = quarter % 2 === 0 ? accR : accI;
  const c = quarter === 0 || quarter === 3 ? w : -w;
  for (let i = 0; i < n; i++) {
    let sr = 0;
    const end = rowPtr[i + 1]!;
    for (let p = rowPtr[i]!; p < end; p++) sr += values[p]! * x[cols[p]!]!;
    const nr = f * sr - y[i]!;
    y[i] = nr;
    acc[i] = acc[i]! + c * nr;
  }
}

/** ψ ← exp(−iθH)ψ. */
export function chebyshevEvolve(op: SparseSymmetric, theta: number, re: Float64Array, im: Float64Array): void {
  const n = op.n;
  const a = (op.upper - op.lower) / 2;
  const b = (op.upper + op.lower) / 2;
  if (a !== 0) {
    const x = theta * a;
    const j = coefficients(Math.abs(x));
    const m = scaledOf(op, a, b);
    // Jₖ(−|x|) = (−1)ᵏJₖ(|x|); the series weights are (2 − δₖ₀)(−i)ᵏJₖ(x), the (−i)ᵏ applied by the steps.
    const weight = j;
    for (let k = 0; k < j.length; k++) weight[k] = (k === 0 ? 1 : 2) * j[k]! * (x < 0 && k % 2 === 1 ? -1 : 1);
    // φ₀ = ψ, φ₁ = H'ψ, φₖ₊₁ = 2H'φₖ − φₖ₋₁, with φₖ₊₁ written over φₖ₋₁.
    let pr = Float64Array.from(re);
    let pi = Float64Array.from(im);
    let qr = new Float64Array(n);
    let qi = new Float64Array(n);
    const w0 = weight[0]!;
    const accR = new Float64Array(n);
    const accI = new Float64Array(n);
    // A real ψ (a freshly loaded state, say) keeps real Chebyshev vectors: the imaginary half is skipped.
    let real = true;
    for (let i = 0; i < n; i++) {
      accR[i] = w0 * pr[i]!;
      accI[i] = w0 * pi[i]!;
      if (pi[i] !== 0) real = false;
    }
    if (j.length > 1) {
      if (real) stepReal(m, 1, pr, qr, 1, weight[1]!, accR, accI);
      else step(m, 1, pr, pi, qr, qi, 1, weight[1]!, accR, accI);
    }
    for (let k = 2; k < j.length; k++) {
      if (real) stepReal(m, 2, qr, pr, k, weight[k]!, accR, accI);
      else step(m, 2, qr, qi, pr, pi, k, weight[k]!, accR, accI);
      const tr = pr;
      const ti = pi;
      pr = qr;
      pi = qi;
      qr = tr;
      qi = ti;
    }
    re.set(accR);
    im.set(accI);
  }
  const c = Math.cos(theta * b);
  const s = -Math.sin(theta * b);
  for (let i = 0; i < n; i++) {
    const r = re[i]!;
    re[i] = r * c - im[i]! * s;
    im[i] = r * s + im[i]! * c;
  }
}
