/**
 * Eigen-decomposition of real symmetric matrices (Householder tridiagonalization + implicit QL,
 * the EISPACK tred2/tql2 pair). Hand-written because no maintained JS library offers it on typed
 * arrays without pulling a general matrix package into the hot path; every gate Hamiltonian of the
 * reference backends is real symmetric, so U = V·exp(−iθΛ)·Vᵀ is exact for any θ — including the
 * *_full gates' 5e6·π, where a truncated series or a Krylov step count would blow up.
 */

/** `A = V diag(values) Vᵀ`; `vectors` is row-major n×n, column j the eigenvector of `values[j]`. */
export interface SymmetricEigen {
  readonly n: number;
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

function transpose(n: number, a: Float64Array): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j]!;
  return t;
}

/**
 * Implicit QL on a tridiagonal matrix (d: diagonal, e: sub-diagonal in e[1..n-1]), accumulating
 * into zt = Zᵀ (row i is eigenvector i), so every plane rotation walks two contiguous rows.
 */
function tql2(n: number, d: Float64Array, e: Float64Array, zt: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n && Math.abs(e[m]!) > eps * tst1) m++;
    if (m > l) {
      for (let iter = 0; iter < 60; iter++) {
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          const r0 = i * n;
          const r1 = r0 + n;
          for (let k = 0; k < n; k++) {
            h = zt[r1 + k]!;
            zt[r1 + k] = s * zt[r0 + k]! + c * h;
            zt[r0 + k] = c * zt[r0 + k]! - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (!(Math.abs(e[l]!) > eps * tst1)) break;
      }
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
}

/** Eigen-decomposition of a symmetric tridiagonal matrix: `diagonal` (n), `offDiagonal` (n − 1). */
export function tridiagonalEigen(diagonal: ArrayLike<number>, offDiagonal: ArrayLike<number>): SymmetricEigen {
  const n = diagonal.length;
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(n);
  for (let i = 1; i < n; i++) e[i] = offDiagonal[i - 1]!;
  const z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) z[i * n + i] = 1;
  if (n > 1) tql2(n, d, e, z);
  return { n, values: d, vectors: transpose(n, z) };
}

/** Eigen-decomposition of a dense symmetric matrix (row-major n×n; only read). */
export function symmetricEigen(n: number, matrix: Float64Array): SymmetricEigen {
  const a = Float64Array.from(matrix);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  // tred2: Householder reduction to tridiagonal form, accumulating the transformation in a.
  for (let j = 0; j < n; j++) d[j] = a[(n - 1) * n + j]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = a[(i - 1) * n + j]!;
        a[i * n + j] = 0;
        a[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] = d[k]! / scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        a[j * n + i] = f;
        g = e[j]! + a[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += a[k * n + j]! * d[k]!;
          e[k] = e[k]! + a[k * n + j]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = e[j]! / h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) a[k * n + j] = a[k * n + j]! - (f * e[k]! + g * d[k]!);
        d[j] = a[(i - 1) * n + j]!;
        a[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    a[(n - 1) * n + i] = a[i * n + i]!;
    a[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = a[k * n + i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += a[k * n + i + 1]! * a[k * n + j]!;
        for (let k = 0; k <= i; k++) a[k * n + j] = a[k * n + j]! - g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) a[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = a[(n - 1) * n + j]!;
    a[(n - 1) * n + j] = 0;
  }
  a[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
  const zt = transpose(n, a);
  if (n > 1) tql2(n, d, e, zt);
  return { n, values: d, vectors: transpose(n, zt) };
}
