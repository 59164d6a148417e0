import type { BackendConfiguration } from '@coldatom/backend-config';
import { BehaviorSubject, ReplaySubject, Subscription, firstValueFrom, lastValueFrom, toArray, type Observable } from '../internal/rx.js';
import { AbortError, ColdAtomError, JobFailedError } from '../errors.js';
import { experimentName, type JobPayload } from '../protocol/payload.js';
import type { ExperimentResult, JobResult } from '../protocol/result.js';
import { isTerminalState, type JobState } from '../protocol/status.js';
import { ConfigDriftError, configDrift, configHash } from './config-drift.js';
import type { JobHandle } from './job-handle-types.js';
import type { ScanPoint, ScanRecord } from './job-metadata.js';
import type { QueueTicket } from './job-throttle.js';
import type { JobJournal } from './journal.js';
import { splitPayload, type PayloadChunk } from './split-payload.js';
import type { JobsBackend } from './with-jobs.js';

/** Options of {@link startRun}. */
export interface RunOptions {
  /** Experiments per job. @default the backend's `max_experiments` (all in one job if it has none) */
  readonly maxExperimentsPerJob?: number;
  /** Lowers the backend's `maxActiveJobs` for this run's jobs. @default the backend's limit */
  readonly maxActiveJobs?: number;
  /** The config the payload was compiled and validated against: enables the drift guard, and its hash is journaled. */
  readonly compiledAgainst?: BackendConfiguration;
  /** What a change of the backend's config since compilation does: refuse to submit, or warn and go on. @default 'error' */
  readonly onDrift?: 'error' | 'warn';
  /** Receives warnings (config drift with `onDrift: 'warn'`). */
  readonly onWarning?: (message: string) => void;
  /** Scan values per original experiment: journaled with each job and attached to each outcome. */
  readonly scan?: ScanRecord;
  /** Notes journaled with every job of the run (at most 500 characters). */
  readonly notes?: string;
  /** Tags journaled with every job of the run. */
  readonly tags?: readonly string[];
  /** Record the run's jobs here instead of the backend's journal. */
  readonly journal?: JobJournal;
}

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

/** One experiment's result under its original name, with its scan values. */
export interface ExperimentOutcome {
  /** The experiment's name in the payload given to the run. */
  readonly experiment: string;
  /** Its position in that payload. */
  readonly index: number;
  readonly jobId: string;
  /** Its scan values, when the run was given scan metadata. */
  readonly values: Readonly<Record<string, number>> | undefined;
  readonly result: ExperimentResult;
}

/** A payload run as one or more jobs. */
export interface Run {
  readonly runId: string;
  /** How many jobs the payload was split into (0 until the backend's config is read). */
  readonly jobCount: number;
  /** Progress after every change; completes with the last result, errors when the run fails. */
  readonly progress$: Observable<RunProgress>;
  /** Each experiment's outcome in the payload's original order, as soon as all before it are in; completes after the last. */
  readonly results$: Observable<ExperimentOutcome>;
  /** All outcomes, in order. */
  results(): Promise<ExperimentOutcome[]>;
  /** The run's job handles as they are submitted (replayed to late subscribers). */
  readonly jobs$: Observable<JobHandle>;
  /**
   * Stops submitting and following. Submitted jobs keep running on the server (the protocol has
   * no cancel) and stay in the journal; `results$` errors with `AbortError`.
   */
  detach(): void;
}

/** The outcomes of one job's experiments, matched by name (servers answer in payload key order, and say so by name). */
function outcomesOf(
  result: JobResult,
  chunk: PayloadChunk,
  firstIndex: number,
  jobId: string,
  valuesOf: ReadonlyMap<string, ScanPoint['values']>,
): ExperimentOutcome[] {
  return chunk.originals.map((original, k) => {
    const experiment = result.results.find((r) => r.header.name === experimentName(k)) ?? result.results[k];
    if (!experiment) throw new ColdAtomError(`Job ${jobId} returned no result for ${experimentName(k)} (${original} of the run's payload)`);
    return { experiment: original, index: firstIndex + k, jobId, values: valuesOf.get(original), result: experiment };
  });
}

/**
 * Runs a payload as as many jobs as the backend's limits demand and reassembles the results.
 *
 * - The backend's config is read first. With `compiledAgainst`, any change in gates, coupling maps,
 *   limits or wire order since compilation fails the run with `ConfigDriftError` before anything is
 *   submitted (`onDrift: 'warn'` only warns).
 * - A payload with more experiments than `max_experiments` (or `maxExperimentsPerJob`) is split into
 *   jobs in experiment order, each renumbered from `experiment_0`; outcomes carry the original names.
 * - Jobs are submitted in order through the backend's queue (`maxActiveJobs` unfinished at once);
 *   waiting jobs show their place in `progress$`.
 * - The first failed job fails the run; the others stay in the journal.
 *
 * The run starts at once (it does not wait for a subscriber).
 *
 * @example
 * const run = startRun(backend, payload, { scan, compiledAgainst: config });
 * run.progress$.subscribe((p) => console.log(`${p.experimentsDone}/${p.experimentsTotal}`));
 * for (const outcome of await run.results()) console.log(outcome.values, outcome.result.data.memory);
 */
export function startRun(backend: JobsBackend, payload: JobPayload, options: RunOptions = {}): Run {
  const runId = `run-${globalThis.crypto.randomUUID()}`;
  const names = Object.keys(payload);
  const startedMs = Date.now();
  const jobs$ = new ReplaySubject<JobHandle>();
  const results$ = new ReplaySubject<ExperimentOutcome>();
  const progress$ = new BehaviorSubject<RunProgress>({
    experimentsDone: 0,
    experimentsTotal: names.length,
    jobs: {},
    jobIds: [],
    queuePositions: [],
    elapsedMs: 0,
    estimatedRemainingMs: undefined,
  });
  const valuesOf = new Map((options.scan?.points ?? []).map((p) => [p.experiment, p.values]));
  const subscriptions = new Subscription();
  const tickets: QueueTicket[] = [];
  const handles: JobHandle[] = [];
  let chunks: PayloadChunk[] = [];
  const states: (JobState | 'WAITING')[] = [];
  const jobIds: (string | undefined)[] = [];
  const positions: (number | undefined)[] = [];
  let done = 0;
  let ended = false;

  const publish = (): void => {
    if (ended) return;
    const jobs: Partial<Record<JobState | 'WAITING', number>> = {};
    for (const s of states) jobs[s] = (jobs[s] ?? 0) + 1;
    const elapsedMs = Date.now() - startedMs;
    progress$.next({
      experimentsDone: done,
      experimentsTotal: names.length,
      jobs,
      jobIds: [...jobIds],
      queuePositions: [...positions],
      elapsedMs,
      estimatedRemainingMs: done === 0 ? undefined : Math.round((elapsedMs / done) * (names.length - done)),
    });
  };

  const end = (): void => {
    ended = true;
    subscriptions.unsubscribe();
    for (const ticket of tickets) ticket.cancel();
    jobs$.complete();
  };
  const fail = (error: unknown): void => {
    if (ended) return;
    end();
    for (const handle of handles) handle.detach();
    results$.error(error);
    progress$.error(error);
  };

  const waiting = new Map<number, ExperimentOutcome>();
  let nextIndex = 0;
  const deliver = (outcomes: readonly ExperimentOutcome[]): void => {
    done += outcomes.length;
    publish();
    for (const outcome of outcomes) waiting.set(outcome.index, outcome);
    while (waiting.has(nextIndex)) {
      results$.next(waiting.get(nextIndex)!);
      waiting.delete(nextIndex++);
    }
    if (nextIndex === names.length) {
      end();
      results$.complete();
      progress$.complete();
    }
  };

  // Submissions are chained so that post_job order is experiment order.
  let submissions: Promise<unknown> = Promise.resolve();
  const follow = async (chunk: PayloadChunk, index: number, firstIndex: number, compiledHash: string): Promise<void> => {
    const ticket = backend.throttle.enqueue(options.maxActiveJobs ?? backend.throttle.maxActiveJobs);
    tickets.push(ticket);
    subscriptions.add(
      ticket.position$.subscribe((position) => {
        positions[index] = position === 0 ? undefined : position;
        publish();
      }),
    );
    const release = await ticket.granted;
    const scanPoints = chunk.originals.flatMap((name) => (valuesOf.has(name) ? [{ experiment: name, values: valuesOf.get(name)! }] : []));
    const submitting = submissions.then(() => {
      if (ended) throw new AbortError(`Run ${runId} ended before job ${index} was submitted`);
      return backend.submitJob(chunk.payload, {
        configHash: compiledHash,
        runId,
        originals: chunk.originals,
        ...(options.scan ? { scan: { parameters: options.scan.parameters, points: scanPoints } } : {}),
        ...(options.notes === undefined ? {} : { notes: options.notes }),
        ...(options.tags === undefined ? {} : { tags: options.tags }),
        ...(options.journal ? { journal: options.journal } : {}),
      });
    });
    submissions = submitting.catch(() => undefined);
    const handle = await submitting.catch((error: unknown) => {
      release();
      throw error;
    });
    handles.push(handle);
    jobIds[index] = handle.jobId;
    states[index] = 'SUBMITTED';
    publish();
    jobs$.next(handle);
    subscriptions.add(
      handle.status$.subscribe({
        next: (status) => {
          states[index] = status.state ?? states[index]!;
          // Fail before the slot frees, so no further job is sent for a run that has failed.
          if (status.state === 'ERROR') fail(new JobFailedError(handle.jobId, status.detail, status.errorMessage));
          if (status.state && isTerminalState(status.state)) release();
          publish();
        },
        error: () => release(),
      }),
    );
    const result = await firstValueFrom(handle.result$);
    deliver(outcomesOf(result, chunk, firstIndex, handle.jobId, valuesOf));
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
    chunks = splitPayload(payload, options.maxExperimentsPerJob ?? config.max_experiments ?? names.length);
    states.push(...chunks.map((): JobState | 'WAITING' => 'WAITING'));
    publish();
    const compiledHash = configHash(options.compiledAgainst ?? config);
    let firstIndex = 0;
    await Promise.all(
      chunks.map((chunk, index) => {
        const following = follow(chunk, index, firstIndex, compiledHash);
        firstIndex += chunk.originals.length;
        return following;
      }),
    );
  })().catch(fail);

  return {
    runId,
    get jobCount() {
      return chunks.length;
    },
    progress$: progress$.asObservable(),
    results$: results$.asObservable(),
    jobs$: jobs$.asObservable(),
    results: () => lastValueFrom(results$.pipe(toArray())),
    detach() {
      if (ended) return;
      end();
      for (const handle of handles) handle.detach();
      results$.error(new AbortError(`Run ${runId} was detached: its submitted jobs keep running on the server and stay in the journal`));
      progress$.complete();
    },
  };
}
