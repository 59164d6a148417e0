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
  const axes = Object.entries(sweep.axes);
  for (const [name] of axes) {
    if (!IDENTIFIER.test(name)) throw new CircuitError(`Scan variable "${name}" is not an identifier (letters, digits, _)`);
    if (isPredefinedName(name))
      throw new CircuitError(`Scan variable "${name}" is a name the expression language predefines; choose another (e.g. "${name}_")`);
  }
  checkPointCount(axes, sweep.zip, options.maxPoints ?? DEFAULT_MAX_SCAN_POINTS);
  const columns = axes.map(([name, axis]) => {
    const values = axisValues(axis);
    if (values.length === 0) throw new CircuitError(`Scan variable "${name}" has no values`);
    const bad = values.find((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad !== undefined) throw new CircuitError(`Scan variable "${name}" has the value ${String(bad)}, not a finite number`);
    return { name, values };
  });
  const [first] = columns;
  if (!first) return [{}];
  let points: Record<string, number>[];
  if (sweep.zip) {
    const mismatch = columns.find((c) => c.values.length !== first.values.length);
    if (mismatch)
      throw new CircuitError(
        `Zipped scan variables need equal lengths: ${first.name} has ${first.values.length}, ${mismatch.name} has ${mismatch.values.length}`,
      );
    // Equal lengths: point i takes every variable's i-th value.
    points = first.values.map(() => ({}));
    for (const { name, values } of columns) points = values.map((v, i) => ({ ...points[i], [name]: v }));
  } else {
    points = [{}];
    for (const { name, values } of columns) points = points.flatMap((point) => values.map((v) => ({ ...point, [name]: v })));
  }
  return points;
}

/** Refuses a sweep with more points than `max`, counted before any value is made, naming the axes. */
function checkPointCount(axes: readonly (readonly [string, Axis])[], zip: boolean | undefined, max: number): void {
  if (!(max >= 1)) throw new CircuitError(`maxPoints must be a number ≥ 1, got ${String(max)}`);
  const lengths = axes.map(([name, axis]) => ({ name, length: axisLength(axis) }));
  const count = zip ? Math.max(1, ...lengths.map((a) => a.length)) : lengths.reduce((product, a) => product * a.length, 1);
  if (count <= max) return;
  const sizes = lengths.map((a) => `${a.name}: ${a.length}`).join(zip ? ', ' : ' × ');
  throw new CircuitError(
    `The scan has ${count} points (${sizes}), more than the cap of ${max}; use fewer points, or raise the cap (maxPoints, or the CLI's scan-point option) if the scan really needs them`,
  );
}
