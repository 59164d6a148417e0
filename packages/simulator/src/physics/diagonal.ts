/**
 * Diagonal gates (rlz, rlz2, rlzlz, fint, fphase, rydberg_block): exp(−iθ·diag(h)). A diagonal
 * takes few distinct values (rlzlz on 16×16 levels: at most 256), so the phases are computed per
 * value, not per basis state; the table itself does not depend on θ and is cached per structure.
 */
import type { State } from './state.js';

/** The distinct values of a diagonal and which one each basis state has. */
export interface DiagonalTable {
  readonly levels: Float64Array;
  readonly levelOf: Uint32Array;
}

/** The table of h(i) over `size` basis states. */
export function diagonalTable(size: number, h: (index: number) => number): DiagonalTable {
  const index = new Map<number, number>();
  const levelOf = new Uint32Array(size);
  const values: number[] = [];
  for (let i = 0; i < size; i++) {
    const v = h(i);
    let level = index.get(v);
    if (level === undefined) {
      level = values.length;
      values.push(v);
      index.set(v, level);
    }
    levelOf[i] = level;
  }
  return { levels: Float64Array.from(values), levelOf };
}

/** ψᵢ ← exp(−iθ·hᵢ)·ψᵢ. */
export function applyDiagonal(state: State, table: DiagonalTable, theta: number): void {
  const { levels, levelOf } = table;
  const count = levels.length;
  const cos = new Float64Array(count);
  const sin = new Float64Array(count);
  const identity = new Uint8Array(count);
  for (let l = 0; l < count; l++) {
    const phase = -theta * levels[l]!;
    identity[l] = phase === 0 ? 1 : 0;
    cos[l] = Math.cos(phase);
    sin[l] = Math.sin(phase);
  }
  const { re, im, size } = state;
  for (let i = 0; i < size; i++) {
    const l = levelOf[i]!;
    if (identity[l]) continue;
    const c = cos[l]!;
    const s = sin[l]!;
    const r = re[i]!;
    const m = im[i]!;
    re[i] = r * c - m * s;
    im[i] = r * s + m * c;
  }
}
