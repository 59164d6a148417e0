/** The middle value of `values` (the upper middle for an even count), NaN for none: benches report medians, which one slow run cannot move. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}
