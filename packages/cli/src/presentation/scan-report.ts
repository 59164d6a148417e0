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
export function reportJobIds(report: ScanReport): string[] {
  return [...new Set(report.points.map((p) => p.jobId))];
}
