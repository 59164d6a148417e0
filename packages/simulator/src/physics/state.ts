import { applyEvolution, symmetricEigen, tridiagonalEigen, type SymmetricEigen } from './symmetric-eigen.js';

/** A state vector over a product basis, last wire fastest; split into real and imaginary parts. */
export interface State {
  readonly dims: readonly number[];
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** |0…0⟩ over the given wire dimensions. */
export function groundState(dims: readonly number[]): State {
  const size = dims.reduce((a, b) => a * b, 1);
  const re = new Float64Array(size);
  re[0] = 1;
  return { dims, re, im: new Float64Array(size) };
}

/** Index strides of a product basis. */
export function strides(dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length).fill(1);
  for (let w = dims.length - 2; w >= 0; w--) out[w] = out[w + 1]! * dims[w + 1]!;
  return out;
}

/** The digit of one wire in a basis index. */
export function digit(index: number, stride: number, dim: number): number {
  return Math.floor(index / stride) % dim;
}

/** Collective spin of N atoms: m_k = l − k on the diagonal, Lx's off-diagonal ½√(l(l+1) − m(m−1)). */
export function spin(atoms: number): { readonly m: Float64Array; readonly lxOff: Float64Array; readonly lowering: Float64Array } {
  const l = atoms / 2;
  const d = atoms + 1;
  const m = new Float64Array(d);
  const lowering = new Float64Array(Math.max(0, d - 1));
  for (let k = 0; k < d; k++) m[k] = l - k;
  for (let k = 0; k < d - 1; k++) lowering[k] = Math.sqrt(l * (l + 1) - m[k]! * (m[k]! - 1));
  return { m, lxOff: lowering.map((a) => a / 2), lowering };
}

/** exp(−iθ·diag(h)) applied along one wire. */
export function applyDiagonal(state: State, h: (index: number) => number, theta: number): void {
  const { re, im } = state;
  for (let i = 0; i < re.length; i++) {
    const phase = -theta * h(i);
    if (phase === 0) continue;
    const c = Math.cos(phase);
    const s = Math.sin(phase);
    const r = re[i]!;
    re[i] = r * c - im[i]! * s;
    im[i] = r * s + im[i]! * c;
  }
}

/** Applies V·exp(−iθΛ)·Vᵀ of a one-wire Hamiltonian to every fibre of that wire. */
export function applyOnWire(state: State, wire: number, eigen: SymmetricEigen, theta: number): void {
  const dim = state.dims[wire]!;
  const stride = strides(state.dims)[wire]!;
  const fibreRe = new Float64Array(dim);
  const fibreIm = new Float64Array(dim);
  const size = state.re.length;
  for (let base = 0; base < size; base++) {
    if (digit(base, stride, dim) !== 0) continue;
    for (let k = 0; k < dim; k++) {
      fibreRe[k] = state.re[base + k * stride]!;
      fibreIm[k] = state.im[base + k * stride]!;
    }
    applyEvolution(eigen, theta, fibreRe, fibreIm);
    for (let k = 0; k < dim; k++) {
      state.re[base + k * stride] = fibreRe[k]!;
      state.im[base + k * stride] = fibreIm[k]!;
    }
  }
}

/** Eigen-decompositions are reused across a scan: the Hamiltonian does not depend on θ. */
const cache = new Map<string, SymmetricEigen>();
const CACHE_LIMIT = 256;

function cached(key: string, make: () => SymmetricEigen): SymmetricEigen {
  let eigen = cache.get(key);
  if (!eigen) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    eigen = make();
    cache.set(key, eigen);
  }
  return eigen;
}

/** Cached eigen-decomposition of a tridiagonal one-wire Hamiltonian. */
export function cachedTridiagonal(key: string, diagonal: () => ArrayLike<number>, off: () => ArrayLike<number>): SymmetricEigen {
  return cached(key, () => tridiagonalEigen(diagonal(), off()));
}

/** A sparse real symmetric operator on the whole space, given by its action on one basis state. */
export type Couplings = (index: number, emit: (target: number, value: number) => void) => void;

function denseOf(size: number, couplings: Couplings): Float64Array {
  const a = new Float64Array(size * size);
  for (let i = 0; i < size; i++) couplings(i, (j, v) => void (a[j * size + i] = a[j * size + i]! + v));
  return a;
}

// Above this size a dense eigen-decomposition costs more than Krylov steps for any sane angle.
const DENSE_LIMIT = 512;

/** exp(−iθH) for a whole-space Hamiltonian: exact by eigen-decomposition when small, else Lanczos. */
export function applyHamiltonian(state: State, key: string, couplings: Couplings, theta: number): void {
  const size = state.re.length;
  if (size <= DENSE_LIMIT) {
    applyEvolution(cached(`${key}|${state.dims.join('x')}`, () => symmetricEigen(size, denseOf(size, couplings))), theta, state.re, state.im);
    return;
  }
  lanczosEvolve(state, couplings, theta);
}

/** Krylov (Lanczos) propagation with time steps small enough that 30 vectors converge to round-off. */
function lanczosEvolve(state: State, couplings: Couplings, theta: number): void {
  const size = state.re.length;
  const rowPtr = new Int32Array(size + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  let norm = 0;
  for (let i = 0; i < size; i++) {
    let rowSum = 0;
    couplings(i, (j, v) => {
      cols.push(j);
      vals.push(v);
      rowSum += Math.abs(v);
    });
    rowPtr[i + 1] = cols.length;
    norm = Math.max(norm, rowSum);
  }
  const colIdx = Int32Array.from(cols);
  const values = Float64Array.from(vals);
  const matvec = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void => {
    for (let i = 0; i < size; i++) {
      let sr = 0;
      let si = 0;
      for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
        const v = values[p]!;
        sr += v * xr[colIdx[p]!]!;
        si += v * xi[colIdx[p]!]!;
      }
      yr[i] = sr;
      yi[i] = si;
    }
  };
  const m = 30;
  const steps = Math.max(1, Math.ceil((Math.abs(theta) * norm) / 6));
  const dt = theta / steps;
  const vr = Array.from({ length: m + 1 }, () => new Float64Array(size));
  const vi = Array.from({ length: m + 1 }, () => new Float64Array(size));
  const wr = new Float64Array(size);
  const wi = new Float64Array(size);
  for (let step = 0; step < steps; step++) {
    let beta0 = 0;
    for (let i = 0; i < size; i++) beta0 += state.re[i]! ** 2 + state.im[i]! ** 2;
    beta0 = Math.sqrt(beta0);
    if (beta0 === 0) return;
    for (let i = 0; i < size; i++) {
      vr[0]![i] = state.re[i]! / beta0;
      vi[0]![i] = state.im[i]! / beta0;
    }
    const alpha: number[] = [];
    const beta: number[] = [];
    let k = 0;
    for (; k < m; k++) {
      matvec(vr[k]!, vi[k]!, wr, wi);
      let a = 0;
      for (let i = 0; i < size; i++) a += vr[k]![i]! * wr[i]! + vi[k]![i]! * wi[i]!;
      alpha.push(a);
      for (let i = 0; i < size; i++) {
        wr[i] = wr[i]! - a * vr[k]![i]! - (k > 0 ? beta[k - 1]! * vr[k - 1]![i]! : 0);
        wi[i] = wi[i]! - a * vi[k]![i]! - (k > 0 ? beta[k - 1]! * vi[k - 1]![i]! : 0);
      }
      // Full re-orthogonalization: cheap at 30 vectors and keeps 1e-12 accuracy.
      for (let j = 0; j <= k; j++) {
        let pr = 0;
        let pi = 0;
        for (let i = 0; i < size; i++) {
          pr += vr[j]![i]! * wr[i]! + vi[j]![i]! * wi[i]!;
          pi += vr[j]![i]! * wi[i]! - vi[j]![i]! * wr[i]!;
        }
        for (let i = 0; i < size; i++) {
          wr[i] = wr[i]! - (pr * vr[j]![i]! - pi * vi[j]![i]!);
          wi[i] = wi[i]! - (pr * vi[j]![i]! + pi * vr[j]![i]!);
        }
      }
      let b = 0;
      for (let i = 0; i < size; i++) b += wr[i]! ** 2 + wi[i]! ** 2;
      b = Math.sqrt(b);
      if (b < 1e-13) {
        k++;
        break;
      }
      beta.push(b);
      for (let i = 0; i < size; i++) {
        vr[k + 1]![i] = wr[i]! / b;
        vi[k + 1]![i] = wi[i]! / b;
      }
    }
    const dim = alpha.length;
    const t = tridiagonalEigen(alpha, beta.slice(0, dim - 1));
    const cr = new Float64Array(dim);
    const ci = new Float64Array(dim);
    cr[0] = 1;
    applyEvolution(t, dt, cr, ci);
    state.re.fill(0);
    state.im.fill(0);
    for (let j = 0; j < dim; j++) {
      const ar = beta0 * cr[j]!;
      const ai = beta0 * ci[j]!;
      for (let i = 0; i < size; i++) {
        state.re[i] = state.re[i]! + ar * vr[j]![i]! - ai * vi[j]![i]!;
        state.im[i] = state.im[i]! + ar * vi[j]![i]! + ai * vr[j]![i]!;
      }
    }
  }
}
