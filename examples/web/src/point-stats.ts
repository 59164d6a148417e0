/**
 * A scan point reduced to what the plot and the downloads show: the mean of each measured value
 * over the shots and its standard error, from core's `memoryStatistics` (the CLI's results table
 * uses the same), so the page and `coldatom run` agree point for point.
 */
import { memoryStatistics, type ExperimentOutcome, type MemoryStatistics } from '@coldatom/core';

export interface PointStats extends Omit<MemoryStatistics, 'decoded'> {
  readonly experiment: string;
  readonly jobId: string;
  readonly values: Readonly<Record<string, number>>;
  readonly memory: readonly string[];
}

export function pointStats(outcome: ExperimentOutcome): PointStats {
  const memory = outcome.result.data.memory;
  const { shots, mean, standardError } = memoryStatistics(memory);
  return { experiment: outcome.experiment, jobId: outcome.jobId, values: outcome.values ?? {}, shots, mean, standardError, memory };
}
