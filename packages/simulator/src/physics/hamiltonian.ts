/**
 * exp(−iθH) of a whole-space Hamiltonian, by whichever exact method costs less: a cached dense
 * eigen-decomposition (≈ 8n³ once, then 4n² per application — right when H recurs, as in a θ scan
 * on a fixed generator, or when θ‖H‖ is huge) or a Chebyshev expansion (≈ θ‖H‖ sparse products,
 * nothing cached — right when the parameters change every experiment or n is large).
 */
import { chebyshevEvolve, chebyshevTerms } from './chebyshev.js';
import { applyEvolution } from './eigen-evolution.js';
import { memo, memoHas } from './memo.js';
import { denseOf, sparseOf, type Couplings, type SparseSymmetric } from './sparse.js';
import { symmetricEigen, type SymmetricEigen } from './symmetric-eigen.js';

/** Above this size a diagonalization is never chosen for a generator that recurs across a scan. */
const DENSE_LIMIT = 512;

const eigenWeight = (e: SymmetricEigen): number => e.n * e.n;
const sparseWeight = (s: SparseSymmetric): number => 2 * s.values.length + s.n;

/**
 * ψ ← exp(−iθH)ψ with H given by its couplings and cached under `key` (which must name H fully).
 * `recurring`: H is angle-independent (θ carries the gate parameter), so a decomposition pays off
 * over a scan.
 */
export function evolveHamiltonian(re: Float64Array, im: Float64Array, key: string, couplings: Couplings, theta: number, recurring: boolean): void {
  evolveOperator(re, im, key, () => memo(`csr|${key}`, () => sparseOf(re.length, couplings), sparseWeight), theta, recurring);
}

/**
 * {@link evolveHamiltonian} for an operator assembled by the caller (`build` runs only when needed).
 * `eigenFactor`: a diagonalization's cost is taken as eigenFactor·n³ against the expansion's
 * products (8 by default; rydberg_full's 20-state symmetric block measured 16 with fresh
 * parameters, where a decomposition serves one experiment only).
 */
export function evolveOperator(
  re: Float64Array,
  im: Float64Array,
  key: string,
  build: () => SparseSymmetric,
  theta: number,
  recurring: boolean,
  eigenFactor = 8,
): void {
  const n = re.length;
  const eigenKey = `eig|${key}`;
  if (memoHas(eigenKey)) {
    applyEvolution(
      memo(eigenKey, () => decompose(build()), eigenWeight),
      theta,
      re,
      im,
    );
    return;
  }
  const op = build();
  const chebyshevCost = chebyshevTerms(op, theta) * (2 * op.values.length + 8 * n);
  const eigenCost = eigenFactor * n ** 3;
  if ((recurring && n <= DENSE_LIMIT) || eigenCost < chebyshevCost) {
    applyEvolution(
      memo(eigenKey, () => decompose(op), eigenWeight),
      theta,
      re,
      im,
    );
    return;
  }
  chebyshevEvolve(op, theta, re, im);
}

function decompose(op: SparseSymmetric): SymmetricEigen {
  return symmetricEigen(op.n, denseOf(op));
}
