import { memoryStatistics, type Experiment, type ExperimentResult, type MemoryStatistics } from '@coldatom/core';

/** One scan point's inputs and raw result, whatever produced it (a run, a resumed run, a journal). */
export interface PointOutcome {
  /** The experiment's name in the compiled payload (before any split into jobs). */
  readonly experiment: string;
  readonly jobId: string;
  readonly values: Readonly<Record<string, number>>;
  /** The experiment as submitted: its `measure` instructions say which wire each value belongs to. */
  readonly input: Experiment | undefined;
  readonly result: ExperimentResult;
}

/** A scan point reduced to what the table, CSV, JSON and plots show: its memory's statistics and where they come from. */
export interface PointSummary extends MemoryStatistics {
  readonly experiment: string;
  readonly jobId: string;
  readonly values: Readonly<Record<string, number>>;
  /** The wire of each value in a shot (memory lists values in measure order). */
  readonly measuredWires: readonly number[];
  /** The most frequent memory string and how often it occurred; undefined without shots. */
  readonly mostFrequent: { readonly outcome: string; readonly count: number } | undefined;
  readonly memory: readonly string[];
}

/**
 * The wire each memory value belongs to. Memory lists values in the order of the `measure`
 * instructions (protocol.md §4.2); `measure` with no wires means wire 0, and a single-qudit
 * backend reports only its last measurement, so when there are fewer values than measurements the
 * last ones count. Without the input, values are numbered.
 */
export function measuredWires(input: Experiment | undefined, valuesPerShot: number): number[] {
  const measured = (input?.instructions ?? []).filter(([name]) => name === 'measure').flatMap(([, wires]) => (wires.length === 0 ? [0] : wires));
  if (measured.length >= valuesPerShot && valuesPerShot > 0) return measured.slice(measured.length - valuesPerShot);
  return Array.from({ length: valuesPerShot }, (_, i) => measured[i] ?? i);
}

/** Reduces a point's memory to means, standard errors and the most frequent outcome. */
export function summarizePoint(outcome: PointOutcome): PointSummary {
  const memory = outcome.result.data.memory;
  const { shots, decoded, mean, standardError } = memoryStatistics(memory);
  const counts = new Map<string, number>();
  for (const shot of memory) counts.set(shot, (counts.get(shot) ?? 0) + 1);
  let mostFrequent: PointSummary['mostFrequent'];
  for (const [shot, count] of counts) if (!mostFrequent || count > mostFrequent.count) mostFrequent = { outcome: shot, count };
  return {
    experiment: outcome.experiment,
    jobId: outcome.jobId,
    values: outcome.values,
    shots,
    measuredWires: measuredWires(outcome.input, mean.length),
    mean,
    standardError,
    mostFrequent,
    memory,
    decoded,
  };
}

/** Series labels of a scan: one per measured wire position, `wire 3`; repeats are numbered. */
export function seriesLabels(summaries: readonly PointSummary[]): string[] {
  const wires = summaries.reduce<readonly number[]>((longest, s) => (s.measuredWires.length > longest.length ? s.measuredWires : longest), []);
  const seen = new Map<number, number>();
  return wires.map((wire) => {
    const n = (seen.get(wire) ?? 0) + 1;
    seen.set(wire, n);
    return n === 1 ? `wire ${wire}` : `wire ${wire} (#${n})`;
  });
}
