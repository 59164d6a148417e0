/** A state vector over a product basis (last wire fastest), split into real and imaginary parts. */
export interface State {
  readonly dims: readonly number[];
  readonly strides: readonly number[];
  readonly size: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Index strides of a product basis (last wire fastest). */
function stridesOf(dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length).fill(1);
  for (let w = dims.length - 2; w >= 0; w--) out[w] = (out[w + 1] ?? 1) * (dims[w + 1] ?? 1);
  return out;
}

/** |0…0⟩ over the given wire dimensions. */
export function groundState(dims: readonly number[]): State {
  const size = dims.reduce((a, b) => a * b, 1);
  const re = new Float64Array(size);
  re[0] = 1;
  return { dims, strides: stridesOf(dims), size, re, im: new Float64Array(size) };
}

/** The digit of one wire in a basis index. */
export function digitOf(index: number, stride: number, dim: number): number {
  return Math.floor(index / stride) % dim;
}

/** |ψᵢ|² of every basis state. */
export function probabilitiesOf(state: State): Float64Array {
  const { re, im, size } = state;
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = re[i]! * re[i]! + im[i]! * im[i]!;
  return out;
}

/**
 * Basis offsets of every configuration of `wires` (mixed radix, first wire slowest), so a loop
 * over `base + offsets[k]` walks one fibre of those wires without dividing indices.
 */
export function offsetsOf(dims: readonly number[], strides: readonly number[], wires: readonly number[]): Int32Array {
  let out = Int32Array.of(0);
  for (const w of wires) {
    const dim = dims[w] ?? 1;
    const stride = strides[w] ?? 1;
    const next = new Int32Array(out.length * dim);
    for (let i = 0; i < out.length; i++) for (let k = 0; k < dim; k++) next[i * dim + k] = out[i]! + k * stride;
    out = next;
  }
  return out;
}

/** The wires of `dims` not in `wires`, in order. */
export function otherWires(dims: readonly number[], wires: readonly number[]): number[] {
  return dims.map((_, w) => w).filter((w) => !wires.includes(w));
}
