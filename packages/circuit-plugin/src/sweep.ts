import { CircuitError } from './circuit-error.js';
import { isPredefinedName } from './internal/math.js';

/** One swept parameter: its values, explicitly or as `{ linspace: [start, stop, num] }`. */
export type Axis = readonly number[] | { readonly values: readonly number[] } | { readonly linspace: readonly [number, number, number] };

/** Named axes, combined as a Cartesian product (the first declared varies slowest) or zipped. */
export interface Sweep {
  readonly axes: Readonly<Record<string, Axis>>;
  /** Pair the axes' values index by index instead (all axes need the same length). @default false */
  readonly zip?: boolean;
}

/** `num` evenly spaced values from `start` to `stop`, both included (numpy's `linspace`). */
export function linspace(start: number, stop: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 1) throw new CircuitError(`linspace needs a whole number of points ≥ 1, got ${num}`);
  if (num === 1) return [start];
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : start + ((stop - start) * i) / (num - 1)));
}

const isList = (axis: Axis): axis is readonly number[] => Array.isArray(axis);

/** The values of one axis. */
export function axisValues(axis: Axis): number[] {
  if (isList(axis)) return [...axis];
  return 'values' in axis ? [...axis.values] : linspace(...axis.linspace);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Every scan point, in scan order. A variable named like something the expression language
 * predefines (`pi`, `e`, `i`, `phi`, `tau`, `E`, `PI`, `SQRT2`, `sin`, …) is refused: expressions
 * would read the constant or the scan value depending on where they are evaluated.
 */
export function sweepPoints(sweep: Sweep): Record<string, number>[] {
  const names = Object.keys(sweep.axes);
  for (const name of names) {
    if (!IDENTIFIER.test(name)) throw new CircuitError(`Scan variable "${name}" is not an identifier (letters, digits, _)`);
    if (isPredefinedName(name)) throw new CircuitError(`Scan variable "${name}" is a name the expression language predefines; choose another (e.g. "${name}_")`);
  }
  const values = names.map((name) => {
    const list = axisValues(sweep.axes[name]!);
    if (list.length === 0) throw new CircuitError(`Scan variable "${name}" has no values`);
    const bad = list.find((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad !== undefined) throw new CircuitError(`Scan variable "${name}" has the value ${String(bad)}, not a finite number`);
    return list;
  });
  if (sweep.zip) {
    const length = values[0]?.length ?? 1;
    const mismatch = values.findIndex((v) => v.length !== length);
    if (mismatch >= 0) throw new CircuitError(`Zipped scan variables need equal lengths: ${names[0]} has ${length}, ${names[mismatch]} has ${values[mismatch]!.length}`);
    return Array.from({ length }, (_, i) => Object.fromEntries(names.map((n, k) => [n, values[k]![i]!])));
  }
  let points: Record<string, number>[] = [{}];
  names.forEach((name, k) => {
    points = points.flatMap((point) => values[k]!.map((v) => ({ ...point, [name]: v })));
  });
  return points;
}
