/**
 * A sparse real symmetric operator in CSR form, with Gershgorin bounds of its spectrum (what a
 * Chebyshev expansion needs: an interval guaranteed to hold every eigenvalue).
 */

/** The action of an operator on one basis state: `emit(target, value)` per matrix element. */
export type Couplings = (index: number, emit: (target: number, value: number) => void) => void;

export interface SparseSymmetric {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
  /** Every eigenvalue lies in [lower, upper]. */
  readonly lower: number;
  readonly upper: number;
}

/** The operator whose column i holds what `couplings(i, …)` emits (duplicates add). */
export function sparseOf(n: number, couplings: Couplings): SparseSymmetric {
  // Triplets first, then a counting sort by row and a merge of repeated columns within each row.
  const tRow: number[] = [];
  const tCol: number[] = [];
  const tVal: number[] = [];
  for (let i = 0; i < n; i++) {
    couplings(i, (j, v) => {
      if (j < 0 || j >= n || v === 0) return;
      tRow.push(j);
      tCol.push(i);
      tVal.push(v);
    });
  }
  const start = new Int32Array(n + 1);
  for (const r of tRow) start[r + 1] = start[r + 1]! + 1;
  for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!;
  const fill = start.slice(0, n);
  const sortedCol = new Int32Array(tRow.length);
  const sortedVal = new Float64Array(tRow.length);
  for (let t = 0; t < tRow.length; t++) {
    const at = fill[tRow[t]!]!;
    fill[tRow[t]!] = at + 1;
    sortedCol[at] = tCol[t]!;
    sortedVal[at] = tVal[t]!;
  }
  const rowPtr = new Int32Array(n + 1);
  const cols = new Int32Array(tRow.length);
  const values = new Float64Array(tRow.length);
  let lower = n === 0 ? 0 : Number.POSITIVE_INFINITY;
  let upper = n === 0 ? 0 : Number.NEGATIVE_INFINITY;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const from = p;
    for (let q = start[i]!; q < start[i + 1]!; q++) {
      const c = sortedCol[q]!;
      const v = sortedVal[q]!;
      // Insert in column order, adding onto a repeated column (rows are short).
      let at = p;
      while (at > from && cols[at - 1]! > c) at--;
      if (at > from && cols[at - 1] === c) {
        values[at - 1] = values[at - 1]! + v;
        continue;
      }
      for (let k = p; k > at; k--) {
        cols[k] = cols[k - 1]!;
        values[k] = values[k - 1]!;
      }
      cols[at] = c;
      values[at] = v;
      p++;
    }
    let diagonal = 0;
    let radius = 0;
    for (let k = from; k < p; k++) {
      if (cols[k] === i) diagonal += values[k]!;
      else radius += Math.abs(values[k]!);
    }
    lower = Math.min(lower, diagonal - radius);
    upper = Math.max(upper, diagonal + radius);
    rowPtr[i + 1] = p;
  }
  return { n, rowPtr, cols: cols.slice(0, p), values: values.slice(0, p), lower, upper };
}

/** The operator as a dense row-major n×n matrix. */
export function denseOf(op: SparseSymmetric): Float64Array {
  const { n, rowPtr, cols, values } = op;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) a[i * n + cols[p]!] = values[p]!;
  return a;
}
