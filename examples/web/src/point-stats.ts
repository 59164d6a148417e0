/**
 * A scan point reduced to what the plot and the downloads show: the mean of each measured value
 * over the shots and its standard error (sample standard deviation / √shots), as the CLI's
 * results table computes them, so the page and `coldatom run` agree point for point.
 */
import { decodeMemory, type ExperimentOutcome } from '@coldatom/core';

export interface PointStats {
  readonly experiment: string;
  readonly jobId: string;
  readonly values: Readonly<Record<string, number>>;
  readonly shots: number;
  /** One per value in a shot (memory lists values in measure order). */
  readonly mean: readonly number[];
  readonly standardError: readonly number[];
  readonly memory: readonly string[];
}

export function pointStats(outcome: ExperimentOutcome): PointStats {
  const memory = outcome.result.data.memory;
  const decoded = decodeMemory(memory);
  const shots = decoded.length;
  const width = Math.max(0, ...decoded.map((shot) => shot.length));
  const mean = Array.from({ length: width }, (_, k) => decoded.reduce((sum, shot) => sum + (shot[k] ?? Number.NaN), 0) / shots);
  const standardError = mean.map((m, k) => {
    if (shots < 2) return 0;
    const variance = decoded.reduce((sum, shot) => sum + ((shot[k] ?? Number.NaN) - m) ** 2, 0) / (shots - 1);
    return Math.sqrt(variance / shots);
  });
  return { experiment: outcome.experiment, jobId: outcome.jobId, values: outcome.values ?? {}, shots, mean, standardError, memory };
}
