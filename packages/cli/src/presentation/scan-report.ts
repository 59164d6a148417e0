import type { PointSummary } from './point-summary.js';

/** Everything the result views of one scan need. */
export interface ScanReport {
  /** The spec's name (its file name without `.json`). */
  readonly spec: string;
  /** The backend target the scan ran on (`local:<name>` or a base URL). */
  readonly target: string;
  /** Hash of the backend config the scan was compiled against. */
  readonly configHash: string | undefined;
  /** Scan parameter names, the first varying slowest. */
  readonly parameters: readonly string[];
  /** One summary per scan point, in scan order. */
  readonly points: readonly PointSummary[];
}

/**
 * What a scan's plots draw along x (and y): its one parameter, its two (a heat map), or the point
 * index (scans of 0 or 3+ parameters).
 */
export type PlotAxes =
  | { readonly kind: 'parameter'; readonly x: string }
  | { readonly kind: 'heat map'; readonly x: string; readonly y: string }
  | { readonly kind: 'index' };

/** The axes of a scan's plots, from its parameters. */
export function plotAxes(report: ScanReport): PlotAxes {
  const [x, y, ...more] = report.parameters;
  if (x === undefined || more.length > 0) return { kind: 'index' };
  return y === undefined ? { kind: 'parameter', x } : { kind: 'heat map', x, y };
}

/** The distinct job ids of a report, in order of first appearance. */
function reportJobIds(report: ScanReport): string[] {
  return [...new Set(report.points.map((p) => p.jobId))];
}

/** The fields that describe a scan as a whole, as `results.json` and `run --json` write them. */
export function reportHeader(report: ScanReport): Record<string, unknown> {
  return { spec: report.spec, backend: report.target, configHash: report.configHash ?? null, parameters: report.parameters, jobIds: reportJobIds(report) };
}

/** One point's statistics, as `results.json` and `run --json` write them (without the raw shots). */
export function pointStatistics(p: PointSummary): Record<string, unknown> {
  return {
    experiment: p.experiment,
    jobId: p.jobId,
    values: p.values,
    shots: p.shots,
    measuredWires: p.measuredWires,
    mean: p.mean,
    standardError: p.standardError,
    mostFrequent: p.mostFrequent ?? null,
  };
}
