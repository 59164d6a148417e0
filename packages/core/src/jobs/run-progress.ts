import type { JobState } from '../protocol/status.js';

/** Progress of a run. */
export interface RunProgress {
  readonly experimentsDone: number;
  readonly experimentsTotal: number;
  /** Jobs per state; `WAITING` counts jobs still in the local queue (not submitted). */
  readonly jobs: Readonly<Partial<Record<JobState | 'WAITING', number>>>;
  /** Each job's id, once submitted, in the run's job order. */
  readonly jobIds: readonly (string | undefined)[];
  /** Each waiting job's place in the backend's queue (1 = next); undefined once it is let through. */
  readonly queuePositions?: readonly (number | undefined)[];
  readonly elapsedMs: number;
  /** Extrapolated from the experiments done so far; undefined before the first is done. */
  readonly estimatedRemainingMs: number | undefined;
}

/** What {@link runProgress} aggregates: each job's state and id, in the run's job order. */
export interface RunProgressInput {
  readonly states: readonly (JobState | 'WAITING')[];
  readonly jobIds: readonly (string | undefined)[];
  /** Each waiting job's place in the backend's queue; left out of the progress when not given. */
  readonly queuePositions?: readonly (number | undefined)[];
  readonly experimentsDone: number;
  readonly experimentsTotal: number;
  readonly startedMs: number;
  /**
   * Extrapolate the time left from the experiments done since `startedMs`. Off for jobs that were
   * submitted before `startedMs` (a resume), where that rate means nothing. @default true
   */
  readonly estimate?: boolean;
}

/** A run's progress from its jobs' states: the one aggregation behind `Run.progress$` and `coldatom jobs resume`. */
export function runProgress(input: RunProgressInput, nowMs: number = Date.now()): RunProgress {
  const jobs: Partial<Record<JobState | 'WAITING', number>> = {};
  for (const s of input.states) jobs[s] = (jobs[s] ?? 0) + 1;
  const { experimentsDone: done, experimentsTotal: total } = input;
  const elapsedMs = nowMs - input.startedMs;
  const estimate = (input.estimate ?? true) && done > 0;
  return {
    experimentsDone: done,
    experimentsTotal: total,
    jobs,
    jobIds: [...input.jobIds],
    ...(input.queuePositions === undefined ? {} : { queuePositions: [...input.queuePositions] }),
    elapsedMs,
    estimatedRemainingMs: estimate ? Math.round((elapsedMs / done) * (total - done)) : undefined,
  };
}
