import { decodeMemory, type ExperimentOutcome } from '@coldatom/core';

/** Per scan point: the statistics the results table, CSV and plot show. */
export interface PointSummary {
  readonly experiment: string;
  readonly jobId: string;
  readonly values: Readonly<Record<string, number>>;
  readonly shots: number;
  /** Mean of each measured value (measure order). */
  readonly means: readonly number[];
  /** Standard error of each mean: sample standard deviation / √shots. */
  readonly stderrs: readonly number[];
  /** The most frequent memory string and its count. */
  readonly mode: { readonly memory: string; readonly count: number };
  readonly memory: readonly string[];
  readonly decoded: readonly (readonly number[])[];
}

/** Summarizes one experiment's memory. */
export function summarize(outcome: ExperimentOutcome): PointSummary {
  const memory = outcome.result.data.memory;
  const decoded = decodeMemory(memory);
  const width = decoded[0]?.length ?? 0;
  const n = decoded.length;
  const means = Array.from({ length: width }, (_, w) => decoded.reduce((s, shot) => s + shot[w]!, 0) / n);
  const stderrs = means.map((mean, w) => {
    if (n < 2) return 0;
    const variance = decoded.reduce((s, shot) => s + (shot[w]! - mean) ** 2, 0) / (n - 1);
    return Math.sqrt(variance / n);
  });
  const counts = new Map<string, number>();
  for (const m of memory) counts.set(m, (counts.get(m) ?? 0) + 1);
  let mode = { memory: '', count: 0 };
  for (const [m, count] of counts) if (count > mode.count) mode = { memory: m, count };
  return { experiment: outcome.experiment, jobId: outcome.jobId, values: outcome.values ?? {}, shots: n, means, stderrs, mode, memory, decoded };
}

/** The CSV of a scan: one row per point, scan values then mean/stderr per measured wire. */
export function toCsv(parameters: readonly string[], summaries: readonly PointSummary[]): string {
  const width = Math.max(0, ...summaries.map((s) => s.means.length));
  const head = ['experiment', ...parameters, ...Array.from({ length: width }, (_, w) => [`mean_${w}`, `stderr_${w}`]).flat(), 'most_frequent', 'count', 'shots', 'job_id'];
  const rows = summaries.map((s) => [s.experiment, ...parameters.map((p) => s.values[p] ?? ''), ...s.means.flatMap((m, w) => [m, s.stderrs[w]!]), JSON.stringify(s.mode.memory), s.mode.count, s.shots, s.jobId]);
  return `${[head, ...rows].map((r) => r.join(',')).join('\n')}\n`;
}
