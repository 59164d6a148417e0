import { rulesForReference, serverVerdict, validatePayload, type ReferenceBackendName } from '@coldatom/backend-config';
import type { SimExperiment } from '../physics/experiment.js';
import { compactResult, isCompactResultSink, storedResultOf, type CompactResult, type CompactShots } from './compact-result.js';
import type { StoredResult, StoredStatus } from './job-documents.js';
import { QueueFullError, SimulatorClosedError } from './runner-errors.js';
import { DONE_DETAIL, RECEIVED, failureTexts, runFailureTexts, type FailureTexts } from './server-texts.js';
import { simulationPlatform } from './simulation-platform.js';
import type { SimulationAnswer, SimulationTask } from './simulation-task.js';

/** Runs one experiment of a job; `signal` fires when the job is stopped (time limit, shutdown). */
export type ExperimentExecutor = (task: SimulationTask, signal: AbortSignal) => Promise<SimulationAnswer>;

/**
 * Where a runner's finished results go instead of its own memory (the server's byte-bounded
 * result store). The runner still keeps every job's status.
 */
export interface ResultSink {
  /** Takes a DONE job's result; the job reads DONE once this resolves, and ERROR with the rejection's message if it rejects. */
  keep(jobId: string, result: StoredResult): Promise<void>;
  /** The runner forgot a job (`maxRetainedJobs`): its result may go too. */
  drop(jobId: string): void;
}

/** Options of {@link JobRunner}. */
export interface JobRunnerOptions {
  /** Longest a job may take from the moment it starts (validation and simulation); it then ends in ERROR. @default 300000 @unit milliseconds */
  readonly jobTimeLimitMs?: number;
  /** Jobs accepted and not yet finished, over all backends, beyond which `submit` throws {@link QueueFullError}. @default 1000 */
  readonly maxQueuedJobs?: number;
  /** Jobs simulated at the same time; their experiments share the process-wide pool of one thread (in a page, one Web Worker) per core. @default os.availableParallelism(), in a page navigator.hardwareConcurrency */
  readonly maxConcurrentJobs?: number;
  /** Finished jobs remembered; beyond this the oldest are forgotten (their ids then read as unknown). @default 10000 */
  readonly maxRetainedJobs?: number;
  /**
   * Where DONE results are kept; then {@link JobRunner.result} answers undefined and the sink serves them.
   * @default the runner's memory
   */
  readonly resultSink?: ResultSink;
  /**
   * Where experiments are simulated. Replace it to run them elsewhere, or to hold jobs at a point
   * of their life cycle in tests.
   * @default the process-wide pool of worker threads (one per core; in a page, of Web Workers), given the experiments in batches
   */
  readonly executor?: ExperimentExecutor;
}

/** Options of {@link JobRunner.close}. */
export interface RunnerCloseOptions {
  /** How long queued and running jobs may still take; any left then ends in ERROR. @default 30000 @unit milliseconds */
  readonly graceMs?: number;
}

interface Job {
  readonly id: string;
  readonly backend: ReferenceBackendName;
  payload: unknown;
  status: StoredStatus;
  /** Kept compact: memory strings are made when asked for, never when the job finishes. */
  result?: CompactResult;
}

/** 24 hex characters from the platform's CSPRNG (WebCrypto: the same on Node and in a page). */
function newJobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Runs `task` from a later tick: setImmediate on Node (after pending I/O), a zero timeout in a page. */
const later = (task: () => void): void => {
  if (typeof setImmediate === 'function') setImmediate(task);
  else setTimeout(task, 0);
};

/** Why a running job was stopped (the abort reason of its signal). */
type StopReason = 'time-limit' | 'shutdown';

/** A validated payload's experiments with their names (extra keys and instruction elements dropped, as the reference does). */
function experimentsOf(payload: Record<string, unknown>): { readonly name: string; readonly experiment: SimExperiment }[] {
  return Object.entries(payload).map(([name, raw]) => {
    const { instructions, shots, num_wires, wire_order, seed } = raw as Record<string, unknown>;
    const experiment: SimExperiment = {
      instructions: (instructions as unknown[][]).map(([n, w, p]) => [n as string, w as number[], p as number[]] as const),
      shots: shots as number,
      num_wires: num_wires as number,
      wire_order: wire_order as string,
      ...(seed === undefined ? {} : { seed: seed as number | null }),
    };
    return { name, experiment };
  });
}

/**
 * The job life cycle of the reference stack, shared by {@link LocalBackend} and
 * {@link SimulatorServer}: a job is accepted at once with status INITIALIZING (the reference
 * validates nothing at submission), then validated with the server's rules and simulated on worker
 * threads, never on the caller's event loop, ending DONE with a result or ERROR with the reference
 * server's texts. Inputs that would crash the reference spooler end in ERROR with a clear message.
 */
export class JobRunner {
  readonly #options: JobRunnerOptions;
  readonly #jobs = new Map<string, Job>();
  readonly #queue: Job[] = [];
  readonly #running = new Map<Job, AbortController>();
  readonly #finished: string[] = [];
  readonly #idle: (() => void)[] = [];
  readonly #watchers = new Map<string, Set<(status: StoredStatus) => void>>();
  #closed = false;

  constructor(options: JobRunnerOptions = {}) {
    this.#options = options;
  }

  /** Jobs accepted and not yet finished, on one backend or on all. */
  pending(backend?: ReferenceBackendName): number {
    if (backend === undefined) return this.#queue.length + this.#running.size;
    let count = 0;
    for (const job of this.#queue) if (job.backend === backend) count++;
    for (const job of this.#running.keys()) if (job.backend === backend) count++;
    return count;
  }

  /**
   * Accepts a payload (any JSON value) for a backend and answers the INITIALIZING status.
   * @throws {QueueFullError} when `maxQueuedJobs` jobs are unfinished
   * @throws {SimulatorClosedError} after {@link close}
   */
  submit(backend: ReferenceBackendName, payload: unknown): StoredStatus {
    if (this.#closed) throw new SimulatorClosedError('The simulator is shutting down and accepts no new job');
    const max = this.#options.maxQueuedJobs ?? 1000;
    const pending = this.pending();
    if (pending >= max)
      throw new QueueFullError(`The simulator's queue is full (${pending} unfinished jobs, maxQueuedJobs ${max}); submit again later`, pending);
    const id = newJobId();
    const job: Job = { id, backend, payload, status: { job_id: id, status: 'INITIALIZING', detail: RECEIVED, error_message: 'None' } };
    this.#jobs.set(id, job);
    this.#queue.push(job);
    // Started from a later tick: the submitter gets its answer before any work begins.
    later(() => this.#pump());
    return job.status;
  }

  /** A job's status; `undefined` for an id this backend does not know. */
  status(backend: ReferenceBackendName, jobId: string): StoredStatus | undefined {
    const job = this.#jobs.get(jobId);
    return job?.backend === backend ? job.status : undefined;
  }

  /** A DONE job's result; `undefined` otherwise. */
  result(backend: ReferenceBackendName, jobId: string): StoredResult | undefined {
    const result = this.compactResult(backend, jobId);
    return result && storedResultOf(result);
  }

  /**
   * A DONE job's result with compact shots (what {@link result} makes memory strings from); `undefined` otherwise.
   * @internal for the local backend, which builds its caller's copy from it in one pass
   */
  compactResult(backend: ReferenceBackendName, jobId: string): CompactResult | undefined {
    const job = this.#jobs.get(jobId);
    return job?.backend === backend ? job.result : undefined;
  }

  /**
   * Forgets a finished job (its id then reads as unknown), e.g. when its result sink evicted the
   * result. Answers whether a finished job was forgotten; unfinished jobs are never forgotten.
   */
  forget(jobId: string): boolean {
    const job = this.#jobs.get(jobId);
    if (!job || job.status.status === 'INITIALIZING') return false;
    this.#jobs.delete(jobId);
    const at = this.#finished.indexOf(jobId);
    if (at >= 0) this.#finished.splice(at, 1);
    return true;
  }

  /**
   * Calls `listener` with a job's status now and again when it finishes (DONE or ERROR), so an
   * in-process client learns of completion at once instead of at its next poll. Answers
   * `undefined` (and calls nothing) for an id this backend does not know; else a function that
   * stops the calls.
   */
  watch(backend: ReferenceBackendName, jobId: string, listener: (status: StoredStatus) => void): (() => void) | undefined {
    const job = this.#jobs.get(jobId);
    if (job?.backend !== backend) return undefined;
    listener(job.status);
    if (job.status.status !== 'INITIALIZING') return () => {};
    const own = (status: StoredStatus): void => listener(status);
    const set = this.#watchers.get(jobId) ?? new Set();
    set.add(own);
    this.#watchers.set(jobId, set);
    return () => {
      set.delete(own);
      if (set.size === 0 && this.#watchers.get(jobId) === set) this.#watchers.delete(jobId);
    };
  }

  /**
   * Refuses new jobs and resolves once every accepted job has finished. Jobs still queued or
   * running after `graceMs` are stopped and recorded as ERROR: none is left INITIALIZING.
   */
  async close(options: RunnerCloseOptions = {}): Promise<void> {
    this.#closed = true;
    if (this.pending() === 0) return;
    const idle = new Promise<void>((resolve) => this.#idle.push(resolve));
    const grace = setTimeout(() => {
      for (const job of this.#queue.splice(0)) this.#finish(job, this.#stopped(job, 'shutdown'));
      for (const controller of this.#running.values()) controller.abort('shutdown' satisfies StopReason);
    }, options.graceMs ?? 30_000);
    await idle;
    clearTimeout(grace);
  }

  #pump(): void {
    const limit = this.#options.maxConcurrentJobs ?? simulationPlatform().parallelism();
    while (this.#running.size < limit) {
      const job = this.#queue.shift();
      if (!job) return;
      const controller = new AbortController();
      this.#running.set(job, controller);
      // A bug must not leave a job INITIALIZING for ever: it ends in ERROR like any failure.
      const run = this.#run(job, controller).catch((error: unknown) =>
        this.#error(job, runFailureTexts(`The simulator failed: ${error instanceof Error ? error.message : String(error)}`)),
      );
      void run.then((outcome) => {
        this.#running.delete(job);
        this.#finish(job, outcome);
        this.#pump();
        this.#notifyIdle();
      });
    }
  }

  #notifyIdle(): void {
    if (this.pending() === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  #finish(job: Job, outcome: { status: StoredStatus; result?: CompactResult }): void {
    job.payload = undefined;
    job.status = outcome.status;
    if (outcome.result) job.result = outcome.result;
    this.#finished.push(job.id);
    const keep = this.#options.maxRetainedJobs ?? 10_000;
    for (const forgotten of this.#finished.splice(0, Math.max(0, this.#finished.length - keep))) {
      this.#jobs.delete(forgotten);
      this.#options.resultSink?.drop(forgotten);
    }
    const watchers = this.#watchers.get(job.id);
    this.#watchers.delete(job.id);
    for (const listener of watchers ?? []) listener(job.status);
  }

  #error(job: Job, texts: FailureTexts): { status: StoredStatus } {
    return { status: { job_id: job.id, status: 'ERROR', ...texts } };
  }

  #stopped(job: Job, reason: StopReason): { status: StoredStatus } {
    const limit = this.#options.jobTimeLimitMs ?? 300_000;
    return this.#error(
      job,
      runFailureTexts(
        reason === 'time-limit'
          ? `The job took longer than this simulator's limit of ${limit} ms per job (jobTimeLimitMs) and was stopped.`
          : 'The simulator shut down before this job finished; submit it again.',
      ),
    );
  }

  async #run(job: Job, controller: AbortController): Promise<{ status: StoredStatus; result?: CompactResult }> {
    const timer = setTimeout(() => controller.abort('time-limit' satisfies StopReason), this.#options.jobTimeLimitMs ?? 300_000);
    try {
      const verdict = serverVerdict(validatePayload(rulesForReference(job.backend), job.payload, { warnings: false }));
      if (verdict) return this.#error(job, failureTexts(verdict));
      const experiments = experimentsOf(job.payload as Record<string, unknown>);
      // Each experiment (or batch) listens on the job's signal: a many-point scan is not a listener leak.
      simulationPlatform().allowListeners(controller.signal, Math.max(10, experiments.length + 1));
      const execute = this.#options.executor;
      const answers: SimulationAnswer[] = execute
        ? await Promise.all(
            experiments.map(({ experiment }) =>
              execute({ backend: job.backend, experiment }, controller.signal).catch((error: unknown) => ({
                failure: error instanceof Error ? error.message : String(error),
                kind: 'internal' as const,
              })),
            ),
          )
        : await simulationPlatform().simulate(
            job.backend,
            experiments.map(({ experiment }) => experiment),
            controller.signal,
          );
      if (controller.signal.aborted) return this.#stopped(job, controller.signal.reason as StopReason);
      // The reference runs experiments in order and stops at the first failure: report that one.
      for (const [i, { name }] of experiments.entries()) {
        const answer = answers[i];
        if (answer && 'failure' in answer)
          return this.#error(job, runFailureTexts(answer.kind === 'run' ? answer.failure : `The simulator failed on ${name}: ${answer.failure}`));
      }
      // Shots stay compact (as the workers drew them): no per-shot work here, on the serving thread.
      const shots = answers.map(
        (answer): CompactShots => ('picks' in answer ? answer : 'memory' in answer ? { texts: answer.memory, picks: null } : { texts: [], picks: null }),
      );
      const result = compactResult(job.backend, job.id, experiments, shots);
      const done: StoredStatus = { job_id: job.id, status: 'DONE', detail: DONE_DETAIL, error_message: 'None' };
      const sink = this.#options.resultSink;
      if (!sink) return { status: done, result };
      try {
        await (isCompactResultSink(sink) ? sink.keepCompact(job.id, result) : sink.keep(job.id, storedResultOf(result)));
      } catch (error) {
        return this.#error(job, runFailureTexts(error instanceof Error ? error.message : String(error)));
      }
      return { status: done };
    } finally {
      clearTimeout(timer);
    }
  }
}
