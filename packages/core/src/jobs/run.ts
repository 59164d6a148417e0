import type { BackendConfiguration } from '@coldatom/backend-config';
import { BehaviorSubject, Observable, ReplaySubject, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { ColdAtomError } from '../errors.js';
import { experimentName, type JobPayload } from '../protocol/payload.js';
import type { ExperimentResult } from '../protocol/result.js';
import { isTerminalState, type JobState } from '../protocol/status.js';
import { ConfigDriftError, configDrift, configHash } from './config-drift.js';
import type { JobHandle } from './job-handle-types.js';
import type { ScanRecord } from './journal.js';
import type { JobsBackend } from './with-jobs.js';

/** Options of {@link startRun}. */
export interface RunOptions {
  /** Experiments per job; by default the backend's `max_experiments`. */
  readonly maxExperimentsPerJob?: number;
  /** Jobs of this run that may be unfinished on the backend at once; the rest wait locally. @default 4 */
  readonly maxActiveJobs?: number;
  /** The config the payload was compiled and validated against (enables the drift guard). */
  readonly compiledAgainst?: BackendConfiguration;
  /** What a config change since compilation does. @default 'error' */
  readonly onDrift?: 'error' | 'warn';
  /** Told about drift when `onDrift` is `'warn'`. */
  readonly onWarning?: (message: string) => void;
  /** Scan values per original experiment, recorded in the journal and attached to results. */
  readonly scan?: ScanRecord;
  readonly notes?: string;
  readonly tags?: readonly string[];
}

/** Progress of a run. */
export interface RunProgress {
  readonly experimentsDone: number;
  readonly experimentsTotal: number;
  /** Jobs per state; `WAITING` = still in the local queue (not submitted). */
  readonly jobs: Readonly<Partial<Record<JobState | 'WAITING', number>>>;
  readonly jobIds: readonly (string | undefined)[];
  readonly elapsedMs: number;
  /** Extrapolated from the experiments done so far; undefined before the first finishes. */
  readonly estimatedRemainingMs: number | undefined;
}

/** One experiment's result, under its original name, with its scan values. */
export interface ExperimentOutcome {
  readonly experiment: string;
  readonly index: number;
  readonly jobId: string;
  readonly values: Readonly<Record<string, number>> | undefined;
  readonly result: ExperimentResult;
}

/** A payload run as one or more jobs. */
export interface Run {
  readonly runId: string;
  /** Number of jobs the payload was split into. */
  readonly jobCount: number;
  readonly progress$: Observable<RunProgress>;
  /** Each experiment's outcome, in the payload's original order; completes when all are in. */
  readonly results$: Observable<ExperimentOutcome>;
  /** All outcomes, in order. */
  results(): Promise<ExperimentOutcome[]>;
  /** Job handles as they are submitted. */
  readonly jobs$: Observable<JobHandle>;
  /** Stops following (and submitting); submitted jobs keep running and stay in the journal. */
  detach(): void;
}

/** Splits a payload into jobs of at most `size` experiments, keeping order; each job numbers from experiment_0. */
export function splitPayload(payload: JobPayload, size: number): { payload: JobPayload; originals: string[] }[] {
  const entries = Object.entries(payload);
  const chunks: { payload: JobPayload; originals: string[] }[] = [];
  for (let i = 0; i < entries.length; i += size) {
    const slice = entries.slice(i, i + size);
    chunks.push({ payload: Object.fromEntries(slice.map(([, exp], k) => [experimentName(k), exp])), originals: slice.map(([name]) => name) });
  }
  return chunks;
}

/**
 * Runs a payload over as many jobs as the backend's limits demand, at most `maxActiveJobs` at a
 * time, and reassembles the results in the original order.
 */
export function startRun(backend: JobsBackend, payload: JobPayload, options: RunOptions = {}): Run {
  const runId = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const names = Object.keys(payload);
  const startedMs = Date.now();
  const jobs$ = new ReplaySubject<JobHandle>();
  const results$ = new ReplaySubject<ExperimentOutcome>();
  const states: (JobState | 'WAITING')[] = [];
  const jobIds: (string | undefined)[] = [];
  const handles: JobHandle[] = [];
  let done = 0;
  let detached = false;
  const progress$ = new BehaviorSubject<RunProgress>({ experimentsDone: 0, experimentsTotal: names.length, jobs: {}, jobIds: [], elapsedMs: 0, estimatedRemainingMs: undefined });
  const valuesOf = new Map(options.scan?.points.map((p) => [p.experiment, p.values]));

  const publish = (): void => {
    const jobs: Partial<Record<JobState | 'WAITING', number>> = {};
    for (const s of states) jobs[s] = (jobs[s] ?? 0) + 1;
    const elapsedMs = Date.now() - startedMs;
    progress$.next({
      experimentsDone: done,
      experimentsTotal: names.length,
      jobs,
      jobIds: [...jobIds],
      elapsedMs,
      estimatedRemainingMs: done === 0 ? undefined : Math.round((elapsedMs / done) * (names.length - done)),
    });
  };

  const pending = new Map<number, ExperimentOutcome>();
  let nextIndex = 0;
  const deliver = (outcome: ExperimentOutcome): void => {
    pending.set(outcome.index, outcome);
    while (pending.has(nextIndex)) {
      results$.next(pending.get(nextIndex)!);
      pending.delete(nextIndex++);
    }
    if (nextIndex === names.length) {
      results$.complete();
      progress$.complete();
    }
  };

  const fail = (error: unknown): void => {
    results$.error(error);
    progress$.error(error);
  };

  (async () => {
    const config = await backend.config();
    if (options.compiledAgainst) {
      const changes = configDrift(options.compiledAgainst, config);
      if (changes.length > 0) {
        const drift = new ConfigDriftError(backend.name, changes);
        if ((options.onDrift ?? 'error') === 'error') throw drift;
        options.onWarning?.(drift.message);
      }
    }
    const size = Math.max(1, options.maxExperimentsPerJob ?? config.max_experiments ?? names.length);
    const chunks = splitPayload(payload, size);
    chunks.forEach(() => states.push('WAITING'));
    publish();
    const maxActive = Math.max(1, options.maxActiveJobs ?? 4);
    let active = 0;
    let next = 0;
    let wake: (() => void) | undefined;
    const settled: Promise<void>[] = [];

    while (next < chunks.length && !detached) {
      if (active >= maxActive) {
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      const index = next++;
      const chunk = chunks[index]!;
      const firstIndex = names.indexOf(chunk.originals[0]!);
      const scan = options.scan ? { parameters: options.scan.parameters, points: options.scan.points.filter((p) => chunk.originals.includes(p.experiment)) } : undefined;
      const handle = await backend.submitJob(chunk.payload, {
        configHash: configHash(options.compiledAgainst ?? config),
        runId,
        ...(scan ? { scan } : {}),
        ...(options.notes === undefined ? {} : { notes: options.notes }),
        ...(options.tags === undefined ? {} : { tags: options.tags }),
      });
      active++;
      handles.push(handle);
      jobIds[index] = handle.jobId;
      states[index] = 'SUBMITTED';
      publish();
      jobs$.next(handle);
      handle.status$.subscribe({ next: (s) => {
        states[index] = s.state ?? states[index]!;
        if (s.state && isTerminalState(s.state)) {
          active--;
          wake?.();
        }
        publish();
      }, error: () => undefined });
      settled.push(
        firstValueFrom(handle.result$).then((result) => {
          const outcomes = chunk.originals.map((original, k): ExperimentOutcome => {
            // Results are matched by name: servers emit them in payload key order, but say so by name.
            const experiment = result.results.find((r) => r.header.name === experimentName(k)) ?? result.results[k];
            if (!experiment) throw new ColdAtomError(`Job ${handle.jobId} returned no result for ${experimentName(k)} (${original})`);
            return { experiment: original, index: firstIndex + k, jobId: handle.jobId, values: valuesOf.get(original), result: experiment };
          });
          done += outcomes.length;
          publish();
          outcomes.forEach(deliver);
        }),
      );
    }
    jobs$.complete();
    await Promise.all(settled);
  })().catch(fail);

  return {
    runId,
    get jobCount() {
      return states.length;
    },
    progress$: progress$.asObservable(),
    results$: results$.asObservable(),
    jobs$: jobs$.asObservable(),
    results: () => lastValueFrom(results$.pipe(toArray())),
    detach() {
      detached = true;
      handles.forEach((h) => h.detach());
      jobs$.complete();
    },
  };
}
