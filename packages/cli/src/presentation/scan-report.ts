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
