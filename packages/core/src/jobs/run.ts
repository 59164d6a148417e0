import type { BackendConfiguration } from '@coldatom/backend-config';
import { rxjs, type BehaviorSubject, type Observable, type ReplaySubject, type Subscription } from '../internal/rx.js';
import { AbortError, ColdAtomError, JobFailedError } from '../errors.js';
import { experimentName, type JobPayload } from '../protocol/payload.js';
import type { ExperimentResult, JobResult } from '../protocol/result.js';
import { isTerminalState, type JobState } from '../protocol/status.js';
import { ConfigDriftError, configDrift, configHash } from './config-drift.js';
import type { JobHandle } from './job-handle-types.js';
import type { ScanPoint, ScanRecord } from './job-metadata.js';
import type { QueueTicket } from './job-throttle.js';
import type { JobJournal } from './journal.js';
import { runProgress, type RunProgress } from './run-progress.js';
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
  /**
   * The experiments in each job, in job order, once the backend's config is read and the payload
   * split; rejects (with the run's error) when the run fails before that.
   */
  readonly jobSizes: Promise<readonly number[]>;
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
 * One run's bookkeeping: its jobs' states, ids and queue places, the outcomes waiting for the
 * ones before them, and the subscriptions and queue tickets to drop when it ends.
 */
class RunInProgress {
  readonly runId = `run-${globalThis.crypto.randomUUID()}`;
  readonly jobs$: ReplaySubject<JobHandle> = new (rxjs().ReplaySubject)<JobHandle>();
  readonly results$: ReplaySubject<ExperimentOutcome> = new (rxjs().ReplaySubject)<ExperimentOutcome>();
  readonly progress$: BehaviorSubject<RunProgress>;
  chunks: readonly PayloadChunk[] = [];
  readonly #backend: JobsBackend;
  readonly #payload: JobPayload;
  readonly #options: RunOptions;
  readonly #total: number;
  readonly #startedMs = Date.now();
  readonly #valuesOf: ReadonlyMap<string, ScanPoint['values']>;
  readonly #subscriptions: Subscription = new (rxjs().Subscription)();
  readonly #tickets: QueueTicket[] = [];
  readonly #handles: JobHandle[] = [];
  readonly #states: (JobState | 'WAITING')[] = [];
  readonly #jobIds: (string | undefined)[] = [];
  readonly #positions: (number | undefined)[] = [];
  /** Outcomes in before an earlier one, by index. */
  readonly #waiting = new Map<number, ExperimentOutcome>();
  #done = 0;
  #nextIndex = 0;
  #ended = false;
  /** Submissions are chained so that post_job order is experiment order. */
  #submissions: Promise<unknown> = Promise.resolve();

  constructor(backend: JobsBackend, payload: JobPayload, options: RunOptions) {
    this.#backend = backend;
    this.#payload = payload;
    this.#options = options;
    this.#total = Object.keys(payload).length;
    this.#valuesOf = new Map((options.scan?.points ?? []).map((p) => [p.experiment, p.values]));
    this.progress$ = new (rxjs().BehaviorSubject)<RunProgress>(this.#progress(this.#startedMs));
  }

  /** Reads the config, splits the payload and follows every job; resolves with the job sizes once split. */
  start(): Promise<readonly number[]> {
    const planned = this.#plan();
    planned.then((compiledHash) => this.#followAll(compiledHash)).catch((error: unknown) => this.#fail(error));
    return planned.then(() => this.chunks.map((chunk) => chunk.originals.length));
  }

  detach(): void {
    if (this.#ended) return;
    this.#end();
    for (const handle of this.#handles) handle.detach();
    this.results$.error(new AbortError(`Run ${this.runId} was detached: its submitted jobs keep running on the server and stay in the journal`));
    this.progress$.complete();
  }

  /** The drift guard, then the split; resolves with the hash journaled with each job. */
  async #plan(): Promise<string> {
    const config = await this.#backend.config();
    const { compiledAgainst, onDrift, maxExperimentsPerJob } = this.#options;
    if (compiledAgainst) {
      const changes = configDrift(compiledAgainst, config);
      if (changes.length > 0) {
        const drift = new ConfigDriftError(this.#backend.name, changes);
        if ((onDrift ?? 'error') === 'error') throw drift;
        this.#options.onWarning?.(drift.message);
      }
    }
    this.chunks = splitPayload(this.#payload, maxExperimentsPerJob ?? config.max_experiments ?? this.#total);
    this.#states.push(...this.chunks.map((): JobState | 'WAITING' => 'WAITING'));
    this.#publish();
    return configHash(compiledAgainst ?? config);
  }

  async #followAll(compiledHash: string): Promise<void> {
    let firstIndex = 0;
    await Promise.all(
      this.chunks.map((chunk, index) => {
        const following = this.#follow(chunk, index, firstIndex, compiledHash);
        firstIndex += chunk.originals.length;
        return following;
      }),
    );
  }

  /** One job: wait for a slot, submit in turn, watch its states, deliver its outcomes. */
  async #follow(chunk: PayloadChunk, index: number, firstIndex: number, compiledHash: string): Promise<void> {
    const release = await this.#queue(index);
    const handle = await this.#submit(chunk, index, compiledHash).catch((error: unknown) => {
      release();
      throw error;
    });
    this.#watch(handle, index, release);
    const result = await rxjs().firstValueFrom(handle.result$);
    this.#deliver(outcomesOf(result, chunk, firstIndex, handle.jobId, this.#valuesOf));
  }

  /** Waits for a slot in the backend's queue, publishing the job's place meanwhile; resolves with the slot's release. */
  #queue(index: number): Promise<() => void> {
    const ticket = this.#backend.throttle.enqueue(this.#options.maxActiveJobs ?? this.#backend.throttle.maxActiveJobs);
    this.#tickets.push(ticket);
    this.#subscriptions.add(
      ticket.position$.subscribe((position) => {
        this.#positions[index] = position === 0 ? undefined : position;
        this.#publish();
      }),
    );
    return ticket.granted;
  }

  /** Submits a job after every job before it has been, and records its handle. */
  async #submit(chunk: PayloadChunk, index: number, compiledHash: string): Promise<JobHandle> {
    const { scan, notes, tags, journal } = this.#options;
    const scanPoints = chunk.originals.flatMap((name) => {
      const values = this.#valuesOf.get(name);
      return values === undefined ? [] : [{ experiment: name, values }];
    });
    const submitting = this.#submissions.then(() => {
      if (this.#ended) throw new AbortError(`Run ${this.runId} ended before job ${index} was submitted`);
      return this.#backend.submitJob(chunk.payload, {
        configHash: compiledHash,
        runId: this.runId,
        originals: chunk.originals,
        ...(scan ? { scan: { parameters: scan.parameters, points: scanPoints } } : {}),
        ...(notes === undefined ? {} : { notes }),
        ...(tags === undefined ? {} : { tags }),
        ...(journal ? { journal } : {}),
      });
    });
    this.#submissions = submitting.catch(() => undefined);
    const handle = await submitting;
    this.#handles.push(handle);
    this.#jobIds[index] = handle.jobId;
    this.#states[index] = 'SUBMITTED';
    this.#publish();
    this.jobs$.next(handle);
    return handle;
  }

  /** Follows a job's states: the first ERROR fails the run, a finished job frees its slot. */
  #watch(handle: JobHandle, index: number, release: () => void): void {
    this.#subscriptions.add(
      handle.status$.subscribe({
        next: (status) => {
          if (status.state) this.#states[index] = status.state;
          // Fail before the slot frees, so no further job is sent for a run that has failed.
          if (status.state === 'ERROR') this.#fail(new JobFailedError(handle.jobId, status.detail, status.errorMessage));
          if (status.state && isTerminalState(status.state)) release();
          this.#publish();
        },
        error: () => release(),
      }),
    );
  }

  /** Emits outcomes in the payload's order, as soon as all before them are in; completes after the last. */
  #deliver(outcomes: readonly ExperimentOutcome[]): void {
    this.#done += outcomes.length;
    this.#publish();
    for (const outcome of outcomes) this.#waiting.set(outcome.index, outcome);
    for (let next = this.#waiting.get(this.#nextIndex); next !== undefined; next = this.#waiting.get(this.#nextIndex)) {
      this.#waiting.delete(this.#nextIndex++);
      this.results$.next(next);
    }
    if (this.#nextIndex === this.#total) {
      this.#end();
      this.results$.complete();
      this.progress$.complete();
    }
  }

  #progress(nowMs: number): RunProgress {
    return runProgress(
      {
        states: this.#states,
        jobIds: this.#jobIds,
        queuePositions: this.#positions,
        experimentsDone: this.#done,
        experimentsTotal: this.#total,
        startedMs: this.#startedMs,
      },
      nowMs,
    );
  }

  #publish(): void {
    if (!this.#ended) this.progress$.next(this.#progress(Date.now()));
  }

  #end(): void {
    this.#ended = true;
    this.#subscriptions.unsubscribe();
    for (const ticket of this.#tickets) ticket.cancel();
    this.jobs$.complete();
  }

  #fail(error: unknown): void {
    if (this.#ended) return;
    this.#end();
    for (const handle of this.#handles) handle.detach();
    this.results$.error(error);
    this.progress$.error(error);
  }
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
  const run = new RunInProgress(backend, payload, options);
  const jobSizes = run.start();
  // A run that fails before it is split says so through results$ and progress$; nobody need await this.
  jobSizes.catch(() => undefined);
  return {
    runId: run.runId,
    get jobCount() {
      return run.chunks.length;
    },
    jobSizes,
    progress$: run.progress$.asObservable(),
    results$: run.results$.asObservable(),
    jobs$: run.jobs$.asObservable(),
    results: () => rxjs().lastValueFrom(run.results$.pipe(rxjs().toArray())),
    detach: () => run.detach(),
  };
}
