import { rxjs, type Observable } from '../internal/rx.js';
import type { BackendTransport, JobResultAnswer } from '../backend.js';
import { AbortError, ColdAtomError, JobLostError, TimeoutError } from '../errors.js';
import type { JobResult } from '../protocol/result.js';
import { isTerminalState, isUnknownJobStatus, type JobStatus } from '../protocol/status.js';
import { endStateOf, jobEndError } from './job-end.js';
import type { JobEvent, JobHandle, WaitOptions } from './job-handle-types.js';
import type { JobJournal } from './journal.js';
import type { RetryEvent } from '../transport/send.js';
import type { PollScheduler, RequestListener, SchedulerNotice, StatusFollower } from './poll-scheduler.js';
import { type Connection, SharedStream, type Sink } from './shared-stream.js';

/**
 * A job stayed non-terminal past its deadline. The reference spooler leaves a job that crashed it
 * INITIALIZING for ever (protocol.md §3.2), so this is how such a job ends on the client side.
 */
export class JobStalledError extends ColdAtomError {
  override readonly name = 'JobStalledError' as const;
  readonly jobId: string;
  readonly deadlineMs: number;
  /** The last status the server answered, if any. */
  readonly lastStatus: JobStatus | undefined;

  constructor(jobId: string, deadlineMs: number, lastStatus: JobStatus | undefined) {
    super(
      `Job ${jobId} is still ${lastStatus?.raw ?? 'unanswered'} after ${deadlineMs} ms; it may have crashed the backend's spooler. It stays on the server: retrieve it later, or ask the backend operator.`,
    );
    this.jobId = jobId;
    this.deadlineMs = deadlineMs;
    this.lastStatus = lastStatus;
  }
}

/** Options of {@link createJobHandle}. */
export interface JobHandleOptions {
  /** Emit a `stalled` event when the job is still not DONE/ERROR this long after the handle was made. @default 600000 @unit milliseconds */
  readonly stallAfterMs?: number;
  /** Give up this long after the handle was made: `status$` errors with `JobStalledError`. Unset: follow for ever. @unit milliseconds */
  readonly deadlineMs?: number;
  /** Wait before asking `get_job_result` again while a DONE job's result is not served yet. @default 1000 @unit milliseconds */
  readonly resultRetryMs?: number;
  /** The status `post_job` answered: `status$` starts from it and `events$` starts with `submitted`. */
  readonly initialStatus?: JobStatus;
  /** Records each state change and the fetched result (the result before `result$` emits it). */
  readonly journal?: JobJournal;
}

const sameStatus = (a: JobStatus, b: JobStatus): boolean =>
  a.state === b.state && a.raw === b.raw && a.detail === b.detail && a.errorMessage === b.errorMessage;
const isFinal = (status: JobStatus): boolean => status.state !== undefined && isTerminalState(status.state);
const noop = (): void => undefined;
const settled: Promise<void> = Promise.resolve();

const detachedError = (jobId: string): AbortError =>
  new AbortError(`Stopped following job ${jobId} before its result came (detached); it keeps running on the server`);

/** A scheduler notice as this job's event, or undefined when it is about another job. */
function noticeEvent(notice: SchedulerNotice, jobId: string): JobEvent | undefined {
  const atMs = Date.now();
  if (notice.kind === 'rate-limited') return { type: 'backoff', pauseMs: notice.pauseMs, atMs };
  if (notice.jobId !== jobId) return undefined;
  if (notice.kind === 'retry') return { type: 'retry', attempt: notice.attempt, delayMs: notice.delayMs, error: notice.error, atMs };
  if (notice.kind === 'unreachable') return { type: 'unreachable', error: notice.error, retryInMs: notice.retryInMs, sinceMs: notice.sinceMs, atMs };
  return { type: 'reachable', afterMs: notice.afterMs, atMs };
}

/**
 * What the pieces of one handle share: the job, its backend, when it was made, its last status and
 * how it reports. A handle is this object, two {@link SharedStream}s made when first used, and one
 * connection object per running stream: methods, not closures, so a followed job costs a few
 * hundred bytes (issue 17: it was ~30 KiB with an rxjs operator chain per stream).
 */
class JobCore {
  readonly createdMs = Date.now();
  /** The last status `status$` emitted (named by `JobStalledError`). */
  latest: JobStatus | undefined;
  eventSinks: Sink<JobEvent>[] | undefined;
  detached = false;
  #status: JobStream<JobStatus> | undefined;
  #result: JobStream<JobResult> | undefined;

  constructor(
    readonly jobId: string,
    readonly transport: BackendTransport,
    readonly scheduler: PollScheduler,
    readonly options: JobHandleOptions,
  ) {
    this.latest = options.initialStatus;
  }

  get status(): JobStream<JobStatus> {
    this.#status ??= new JobStream(this, StatusConnection);
    return this.#status;
  }

  get result(): JobStream<JobResult> {
    this.#result ??= new JobStream(this, ResultConnection);
    return this.#result;
  }

  /** True when someone listens to `events$` (events are only built then). */
  get listened(): boolean {
    return !this.detached && this.eventSinks !== undefined && this.eventSinks.length > 0;
  }

  /** Emits on `events$`, unless detached. */
  emit(event: JobEvent): void {
    if (!this.listened || !this.eventSinks) return;
    for (const sink of [...this.eventSinks]) sink.next(event);
  }

  /** Awaits a journal write; a failed one becomes a `journal-failed` event, never an error. */
  journaling(work: Promise<void> | undefined): Promise<void> {
    return work ? work.catch((error: unknown) => this.emit({ type: 'journal-failed', error, atMs: Date.now() })) : settled;
  }

  onNotice(notice: SchedulerNotice): void {
    if (!this.listened) return;
    const event = noticeEvent(notice, this.jobId);
    if (event) this.emit(event);
  }

  detach(): void {
    if (this.detached) return;
    this.emit({ type: 'detached', atMs: Date.now() });
    this.detached = true;
    this.#status?.complete();
    this.#result?.error(detachedError(this.jobId));
    const sinks = this.eventSinks ?? [];
    this.eventSinks = undefined;
    for (const sink of sinks) sink.complete();
  }
}

/** A handle's stream whose source is a connection object of the given class (status or result). */
class JobStream<T> extends SharedStream<T> {
  constructor(
    readonly job: JobCore,
    readonly Connected: new (job: JobCore, sink: Sink<T>) => Connection,
  ) {
    super();
  }

  protected connect(sink: Sink<T>): Connection {
    return new this.Connected(this.job, sink);
  }
}

/**
 * One connection of `status$`: the server's answers (polled, or pushed by an in-process
 * transport), starting from `post_job`'s answer when there is one, each distinct one journaled
 * and announced, up to the terminal one; the stall event and the deadline beside them.
 */
class StatusConnection implements StatusFollower, Connection {
  readonly watch: ((onStatus: (status: JobStatus) => void) => () => void) | undefined;
  #ended = false;
  #following = false;
  #previous: JobStatus | undefined;
  // State is keyed on the id asked about; a status string no generation defines keeps the state
  // it follows (SUBMITTED if it is the first), so no transition is ever invented.
  #carried: JobStatus | undefined;
  #stallTimer: ReturnType<typeof setTimeout> | undefined;
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly job: JobCore,
    readonly sink: Sink<JobStatus>,
  ) {
    const { transport, jobId, options, createdMs } = job;
    // An in-process transport pushes its statuses: a finished job never waits for a poll.
    this.watch = transport.watchJob ? (onStatus) => transport.watchJob?.(jobId, onStatus) ?? noop : undefined;
    if (job.detached) {
      this.#ended = true;
      sink.complete();
      return;
    }
    this.#carried = options.initialStatus;
    this.#stallTimer = setTimeout(() => this.#stalled(), Math.max(0, createdMs + (options.stallAfterMs ?? 600_000) - Date.now()));
    if (options.deadlineMs !== undefined) this.#deadlineTimer = setTimeout(() => this.#deadline(), Math.max(0, createdMs + options.deadlineMs - Date.now()));
    if (options.initialStatus) this.#deliver({ ...options.initialStatus, jobId, state: options.initialStatus.state ?? 'SUBMITTED' });
    if (this.#ended) return;
    this.#following = true;
    job.scheduler.follow(jobId, this);
  }

  fetchStatus(signal: AbortSignal, onRetry: (event: RetryEvent) => void): Promise<JobStatus> {
    return this.job.transport.jobStatus(this.job.jobId, { signal, onRetry });
  }

  next(answer: JobStatus): void {
    const state = answer.state ?? this.#carried?.state ?? 'SUBMITTED';
    // The answer as it is when it already names this job and a state, as a transport's do.
    this.#carried = answer.jobId === this.job.jobId && answer.state === state ? answer : { ...answer, jobId: this.job.jobId, state };
    this.#deliver(this.#carried);
  }

  error(error: unknown): void {
    if (!this.#ended) this.sink.error(error);
  }

  notice(notice: SchedulerNotice): void {
    this.job.onNotice(notice);
  }

  stop(): void {
    this.#ended = true;
    clearTimeout(this.#stallTimer);
    clearTimeout(this.#deadlineTimer);
    if (this.#following) this.job.scheduler.unfollow(this.job.jobId, this);
    this.#following = false;
  }

  #deliver(status: JobStatus): void {
    if (this.#ended || (this.#previous && sameStatus(this.#previous, status))) return;
    const { job } = this;
    this.#previous = status;
    job.latest = status;
    if (job.listened) job.emit({ type: 'state', status, atMs: Date.now() });
    const state = isUnknownJobStatus(status) ? 'LOST' : (status.state ?? 'SUBMITTED');
    void job.journaling(job.options.journal?.update(job.jobId, { state, detail: status.detail, errorMessage: status.errorMessage }));
    this.sink.next(status);
    if (isFinal(status)) this.sink.complete();
  }

  #stalled(): void {
    this.job.emit({ type: 'stalled', sinceMs: this.job.createdMs, atMs: Date.now() });
  }

  #deadline(): void {
    const { job } = this;
    if (!this.#ended) this.sink.error(new JobStalledError(job.jobId, job.options.deadlineMs ?? 0, job.latest));
  }
}

/** One connection of `result$`: after the last status, the result of a DONE job, else the error it ended with, journaled first. */
class ResultConnection implements Sink<JobStatus>, RequestListener<JobResultAnswer>, Connection {
  #ended = false;
  #last: JobStatus | undefined;
  #cancel: (() => void) | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #leaveStatus: (() => void) | undefined;

  constructor(
    readonly job: JobCore,
    readonly sink: Sink<JobResult>,
  ) {
    if (job.detached) {
      this.#ended = true;
      sink.error(detachedError(job.jobId));
      return;
    }
    const leave = job.status.subscribe(this);
    if (this.#ended) leave();
    else this.#leaveStatus = leave;
  }

  stop(): void {
    this.#ended = true;
    this.#cancel?.();
    this.#cancel = undefined;
    clearTimeout(this.#retryTimer);
    this.#leaveStatus?.();
  }

  // ── status$, as this connection's source ──
  next(status: JobStatus): void {
    this.#last = status;
  }

  error(error: unknown): void {
    if (!this.#ended) this.sink.error(error);
  }

  complete(): void {
    const last = this.#last;
    if (this.#ended) return;
    if (last?.state === 'ERROR') void this.#fail(jobEndError(this.job.jobId, last), last);
    // status$ ends before DONE/ERROR only when detached.
    else if (last?.state !== 'DONE') this.sink.error(detachedError(this.job.jobId));
    else this.#fetch();
  }

  // ── get_job_result, through the scheduler ──
  resolve(answer: JobResultAnswer): void {
    this.#cancel = undefined;
    if (this.#ended) return;
    if (answer.ready) return void this.#deliver(answer.result);
    if (answer.status.state === 'ERROR') return void this.#fail(jobEndError(this.job.jobId, answer.status));
    // The status said DONE but the result is not served yet: ask again shortly.
    this.#retryTimer = setTimeout(() => this.#fetch(), this.job.options.resultRetryMs ?? 1_000);
  }

  reject(error: unknown): void {
    this.#cancel = undefined;
    if (!this.#ended) void this.#fail(error);
  }

  notice(notice: SchedulerNotice): void {
    this.job.onNotice(notice);
  }

  #fetch(): void {
    const { job } = this;
    this.#cancel = job.scheduler.requestOnce(job.jobId, (signal, onRetry) => job.transport.jobResult(job.jobId, { signal, onRetry }), this);
  }

  async #deliver(result: JobResult): Promise<void> {
    const { job } = this;
    await job.journaling(job.options.journal?.saveResult(job.jobId, result));
    if (this.#ended) return;
    job.emit({ type: 'result', atMs: Date.now() });
    this.sink.next(result);
    this.sink.complete();
  }

  /**
   * The terminal state is durable before the error reaches the caller: an ERROR as ERROR or LOST,
   * and a DONE job whose result the server no longer has (restart, eviction) as LOST, so the
   * journal never says "wait" for ever.
   */
  async #fail(error: unknown, status?: JobStatus): Promise<void> {
    const { job } = this;
    const journal = job.options.journal;
    if (status) await job.journaling(journal?.update(job.jobId, { state: endStateOf(status), detail: status.detail, errorMessage: status.errorMessage }));
    else if (error instanceof JobLostError)
      await job.journaling(journal?.update(job.jobId, { state: 'LOST', detail: error.detail, errorMessage: error.errorMessage }));
    if (!this.#ended) this.sink.error(error);
  }
}

/** One `wait()`: a subscriber of `result$` that settles a promise, with its timeout and signal. */
class Waiter implements Sink<JobResult> {
  #done = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #leave: () => void = noop;

  constructor(
    readonly job: JobCore,
    readonly settle: { resolve(result: JobResult): void; reject(error: unknown): void },
    readonly options: WaitOptions,
  ) {
    const { signal, timeoutMs } = options;
    if (signal?.aborted) {
      this.handleEvent();
      return;
    }
    this.#leave = job.result.subscribe(this);
    if (this.#done) {
      this.#leave();
      return;
    }
    if (timeoutMs !== undefined) this.#timer = setTimeout(() => this.#timedOut(timeoutMs), timeoutMs);
    signal?.addEventListener('abort', this, { once: true });
  }

  next(result: JobResult): void {
    if (this.#finish()) this.settle.resolve(result);
  }

  error(error: unknown): void {
    if (this.#finish()) this.settle.reject(error);
  }

  complete(): void {
    if (this.#finish()) this.settle.reject(detachedError(this.job.jobId));
  }

  /** The signal's abort (an event listener object, so no closure is kept). */
  handleEvent(): void {
    const { signal } = this.options;
    if (this.#finish())
      this.settle.reject(new AbortError(`Waiting for job ${this.job.jobId} was aborted; it keeps running on the server`, { cause: signal?.reason }));
  }

  #timedOut(timeoutMs: number): void {
    if (this.#finish())
      this.settle.reject(new TimeoutError(`Job ${this.job.jobId} gave no result within ${timeoutMs} ms; it keeps running on the server`, { timeoutMs }));
  }

  #finish(): boolean {
    if (this.#done) return false;
    this.#done = true;
    clearTimeout(this.#timer);
    this.options.signal?.removeEventListener('abort', this);
    this.#leave();
    return true;
  }
}

/** The handle users hold: the job's observables, made when first asked for, over its {@link JobCore}. */
class FollowedJob implements JobHandle {
  readonly jobId: string;
  readonly #job: JobCore;
  #status$: Observable<JobStatus> | undefined;
  #result$: Observable<JobResult> | undefined;
  #events$: Observable<JobEvent> | undefined;

  constructor(job: JobCore) {
    this.jobId = job.jobId;
    this.#job = job;
  }

  get status$(): Observable<JobStatus> {
    const job = this.#job;
    this.#status$ ??= new (rxjs().Observable)<JobStatus>((subscriber) => job.status.subscribe(subscriber));
    return this.#status$;
  }

  get result$(): Observable<JobResult> {
    const job = this.#job;
    this.#result$ ??= new (rxjs().Observable)<JobResult>((subscriber) => job.result.subscribe(subscriber));
    return this.#result$;
  }

  get events$(): Observable<JobEvent> {
    const job = this.#job;
    this.#events$ ??= new (rxjs().Observable)<JobEvent>((subscriber) => {
      if (job.options.initialStatus) subscriber.next({ type: 'submitted', jobId: job.jobId, atMs: job.createdMs });
      if (job.detached) return subscriber.complete();
      job.eventSinks ??= [];
      const sinks = job.eventSinks;
      sinks.push(subscriber);
      return () => {
        const index = sinks.indexOf(subscriber);
        if (index >= 0) sinks.splice(index, 1);
      };
    });
    return this.#events$;
  }

  wait(options: WaitOptions = {}): Promise<JobResult> {
    return new Promise<JobResult>((resolve, reject) => void new Waiter(this.#job, { resolve, reject }, options));
  }

  detach(): void {
    this.#job.detach();
  }
}

/**
 * Follows one job through its backend's shared scheduler. Nothing is sent until `status$`,
 * `result$` or `wait()` is subscribed. Usually made by `backend.submitJob()` or
 * `backend.retrieve(id)`; see {@link JobHandle} for the semantics.
 */
export function createJobHandle(transport: BackendTransport, scheduler: PollScheduler, jobId: string, options: JobHandleOptions = {}): JobHandle {
  return new FollowedJob(new JobCore(jobId, transport, scheduler, options));
}
