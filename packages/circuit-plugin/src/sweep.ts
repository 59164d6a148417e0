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

/**
 * `num` evenly spaced values from `start` to `stop`, both included, bit for bit as numpy's
 * `linspace`: `i * step + start` with `step = (stop − start) / (num − 1)`, the last point exactly
 * `stop` (the closed form `start + (stop − start)·i/(num − 1)` differs in the last bit of many points).
 */
export function linspace(start: number, stop: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 1) throw new CircuitError(`linspace needs a whole number of points ≥ 1, got ${num}`);
  if (num === 1) return [start];
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  // numpy divides first when the step underflows to 0 (denormal spans, numpy gh-5437).
  const point = step === 0 ? (i: number) => (i / div) * delta + start : (i: number) => i * step + start;
  return Array.from({ length: num }, (_, i) => (i === div ? stop : point(i)));
}

const isList = (axis: Axis): axis is readonly number[] => Array.isArray(axis);

/** The values of one axis. */
export function axisValues(axis: Axis): number[] {
  if (isList(axis)) return [...axis];
  return 'values' in axis ? [...axis.values] : linspace(...axis.linspace);
}

/** How many values an axis has, without making them (a linspace of 10⁷ points costs seconds and gigabytes). */
function axisLength(axis: Axis): number {
  if (isList(axis)) return axis.length;
  return 'values' in axis ? axis.values.length : axis.linspace[2];
}

/**
 * Most scan points {@link sweepPoints} (and so `scan`) makes unless told otherwise: ten jobs of a
 * reference backend's 1000 experiments. Each point is a whole experiment in memory, in the
 * payload and in the run record; lift the cap with `maxPoints` when a scan really needs more.
 */
export const DEFAULT_MAX_SCAN_POINTS = 10_000;

/** Options of {@link sweepPoints}. */
export interface SweepOptions {
  /** Refuse a sweep of more points than this before making any. @default {@link DEFAULT_MAX_SCAN_POINTS} */
  readonly maxPoints?: number;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Every scan point, in scan order. A variable named like something the expression language
 * predefines (`pi`, `e`, `i`, `phi`, `tau`, `E`, `PI`, `SQRT2`, `sin`, …) is refused: expressions
 * would read the constant or the scan value depending on where they are evaluated.
 */
export function sweepPoints(sweep: Sweep, options: SweepOptions = {}): Record<string, number>[] {
  const names = Object.keys(sweep.axes);
  for (const name of names) {
    if (!IDENTIFIER.test(name)) throw new CircuitError(`Scan variable "${name}" is not an identifier (letters, digits, _)`);
    if (isPredefinedName(name))
      throw new CircuitError(`Scan variable "${name}" is a name the expression language predefines; choose another (e.g. "${name}_")`);
  }
  checkPointCount(sweep, names, options.maxPoints ?? DEFAULT_MAX_SCAN_POINTS);
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
    if (mismatch >= 0)
      throw new CircuitError(`Zipped scan variables need equal lengths: ${names[0]} has ${length}, ${names[mismatch]} has ${values[mismatch]!.length}`);
    return Array.from({ length }, (_, i) => Object.fromEntries(names.map((n, k) => [n, values[k]![i]!])));
  }
  let points: Record<string, number>[] = [{}];
  names.forEach((name, k) => {
    points = points.flatMap((point) => values[k]!.map((v) => ({ ...point, [name]: v })));
  });
  return points;
}

/** Refuses a sweep with more points than `max`, counted before any value is made, naming the axes. */
function checkPointCount(sweep: Sweep, names: readonly string[], max: number): void {
  if (!(max >= 1)) throw new CircuitError(`maxPoints must be a number ≥ 1, got ${String(max)}`);
  const lengths = names.map((name) => axisLength(sweep.axes[name]!));
  const count = sweep.zip ? Math.max(1, ...lengths) : lengths.reduce((product, n) => product * n, 1);
  if (count <= max) return;
  const sizes = names.map((name, k) => `${name}: ${lengths[k]}`).join(sweep.zip ? ', ' : ' × ');
  throw new CircuitError(
    `The scan has ${count} points (${sizes}), more than the cap of ${max}; use fewer points, or raise the cap (maxPoints, or the CLI's scan-point option) if the scan really needs them`,
  );
}
