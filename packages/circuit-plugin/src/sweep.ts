import { ColdAtomError } from '@coldatom/core';
import { isPredefinedName } from './internal/math.js';

/** One swept parameter: explicit values or `{ linspace: [start, stop, num] }`. */
export type Axis = { readonly values: readonly number[] } | { readonly linspace: readonly [number, number, number] };

/** `num` evenly spaced values from `start` to `stop`, both included (numpy's linspace). */
export function linspace(start: number, stop: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 1) throw new ColdAtomError(`linspace needs a whole number of points ≥ 1, got ${num}`);
  if (num === 1) return [start];
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : start + ((stop - start) * i) / (num - 1)));
}

/** The values of one axis. */
export function axisValues(axis: Axis): number[] {
  return 'values' in axis ? [...axis.values] : linspace(...axis.linspace);
}

/** A sweep: named axes, combined as a Cartesian product (first declared varies slowest) or zipped. */
export interface Sweep {
  readonly axes: Readonly<Record<string, Axis>>;
  readonly zip?: boolean;
}

/**
 * Every scan point in scan order. Names mathjs predefines (pi, e, i, phi, tau, …) are rejected:
 * an expression would silently read the constant instead of the scan value.
 */
export function sweepPoints(sweep: Sweep): Record<string, number>[] {
  const names = Object.keys(sweep.axes);
  for (const name of names) {
    if (isPredefinedName(name)) throw new ColdAtomError(`Scan variable "${name}" is a name the expression language predefines; choose another (e.g. "${name}_")`);
  }
  const values = names.map((n) => axisValues(sweep.axes[n]!));
  if (names.length === 0) return [{}];
  if (sweep.zip) {
    const length = values[0]!.length;
    const mismatch = values.findIndex((v) => v.length !== length);
    if (mismatch >= 0) throw new ColdAtomError(`Zipped scan axes need equal lengths: ${names[0]} has ${length}, ${names[mismatch]} has ${values[mismatch]!.length}`);
    return Array.from({ length }, (_, i) => Object.fromEntries(names.map((n, k) => [n, values[k]![i]!])));
  }
  let points: Record<string, number>[] = [{}];
  names.forEach((name, k) => {
    points = points.flatMap((p) => values[k]!.map((v) => ({ ...p, [name]: v })));
  });
  return points;
}
