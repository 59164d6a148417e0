import {
  EMPTY,
  Observable,
  catchError,
  ReplaySubject,
  Subject,
  concatMap,
  defer,
  distinctUntilChanged,
  filter,
  firstValueFrom,
  ignoreElements,
  last,
  map,
  merge,
  of,
  scan,
  share,
  startWith,
  switchMap,
  takeUntil,
  takeWhile,
  tap,
  throwError,
  throwIfEmpty,
  timer,
} from '../internal/rx.js';
import type { BackendTransport } from '../backend.js';
import { AbortError, ColdAtomError, JobLostError, TimeoutError } from '../errors.js';
import type { JobResult } from '../protocol/result.js';
import { isTerminalState, isUnknownJobStatus, type JobStatus } from '../protocol/status.js';
import { endStateOf, jobEndError } from './job-end.js';
import type { JobEvent, JobHandle, WaitOptions } from './job-handle-types.js';
import type { JobJournal } from './journal.js';
import type { PollScheduler } from './poll-scheduler.js';

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

const detachedError = (jobId: string): AbortError =>
  new AbortError(`Stopped following job ${jobId} before its result came (detached); it keeps running on the server`);

/** Rejects when `signal` fires. */
function abortedBy(signal: AbortSignal, jobId: string): Observable<never> {
  return new Observable<never>((subscriber) => {
    const onAbort = (): void =>
      subscriber.error(new AbortError(`Waiting for job ${jobId} was aborted; it keeps running on the server`, { cause: signal.reason }));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  });
}

/** What the pieces of one handle share: its job, when it was made, its last status, and how it reports. */
interface HandleContext {
  readonly jobId: string;
  readonly createdMs: number;
  readonly options: JobHandleOptions;
  /** The last status `status$` emitted (named by `JobStalledError`). */
  latest: JobStatus | undefined;
  /** Emits on `events$`, unless detached. */
  emit(event: JobEvent): void;
  /** Awaits a journal write; a failed one becomes a `journal-failed` event, never an error. */
  journaling(work: Promise<void> | undefined): Promise<void>;
}

/**
 * The server's answers about the job, from the shared poll loop (or pushed, for an in-process
 * transport), starting from `post_job`'s answer when there is one.
 */
function statusAnswers(transport: BackendTransport, scheduler: PollScheduler, { jobId, options }: HandleContext): Observable<JobStatus> {
  // State is keyed on the id asked about; a status string no generation defines keeps the state
  // it follows (SUBMITTED if it is the first), so no transition is ever invented.
  // An in-process transport pushes its statuses: a finished job never waits for a poll.
  const watchJob = transport.watchJob?.bind(transport);
  const watch = watchJob ? (onStatus: (status: JobStatus) => void) => watchJob(jobId, onStatus) : undefined;
  const normalized = scheduler
    .poll(jobId, (signal, onRetry) => transport.jobStatus(jobId, { signal, onRetry }), watch)
    .pipe(
      scan(
        (previous: JobStatus | undefined, next: JobStatus): JobStatus => ({ ...next, jobId, state: next.state ?? previous?.state ?? 'SUBMITTED' }),
        options.initialStatus,
      ),
      filter((status): status is JobStatus => status !== undefined),
    );
  return options.initialStatus
    ? normalized.pipe(startWith({ ...options.initialStatus, jobId, state: options.initialStatus.state ?? 'SUBMITTED' }))
    : normalized;
}

/** The stall event, the deadline and the scheduler's notices about this job, as events; errors only at the deadline. */
function sideChannels(scheduler: PollScheduler, context: HandleContext): Observable<never> {
  const { jobId, createdMs, options, emit } = context;
  return defer(() => {
    const stall = timer(Math.max(0, createdMs + (options.stallAfterMs ?? 600_000) - Date.now())).pipe(
      tap(() => emit({ type: 'stalled', sinceMs: createdMs, atMs: Date.now() })),
    );
    const deadline =
      options.deadlineMs === undefined
        ? EMPTY
        : timer(Math.max(0, createdMs + options.deadlineMs - Date.now())).pipe(
            switchMap(() => throwError(() => new JobStalledError(jobId, options.deadlineMs!, context.latest))),
          );
    const notices = scheduler.notices$.pipe(
      tap((notice) => {
        const atMs = Date.now();
        if (notice.kind === 'rate-limited') emit({ type: 'backoff', pauseMs: notice.pauseMs, atMs });
        else if (notice.jobId !== jobId) return;
        else if (notice.kind === 'retry') emit({ type: 'retry', attempt: notice.attempt, delayMs: notice.delayMs, error: notice.error, atMs });
        else if (notice.kind === 'unreachable') emit({ type: 'unreachable', error: notice.error, retryInMs: notice.retryInMs, sinceMs: notice.sinceMs, atMs });
        else emit({ type: 'reachable', afterMs: notice.afterMs, atMs });
      }),
    );
    return merge(stall, deadline, notices).pipe(ignoreElements());
  });
}

/** `status$`: each distinct status, journaled and announced, up to the terminal one or the detach. */
function followStatus(transport: BackendTransport, scheduler: PollScheduler, context: HandleContext, detached$: Observable<void>): Observable<JobStatus> {
  const { jobId, options } = context;
  // Side channels first: a retry notice can come before the first answer.
  return merge(sideChannels(scheduler, context), statusAnswers(transport, scheduler, context)).pipe(
    distinctUntilChanged(sameStatus),
    tap((status) => {
      context.latest = status;
      context.emit({ type: 'state', status, atMs: Date.now() });
      const state = isUnknownJobStatus(status) ? 'LOST' : (status.state ?? 'SUBMITTED');
      void context.journaling(options.journal?.update(jobId, { state, detail: status.detail, errorMessage: status.errorMessage }));
    }),
    takeWhile((status) => !isFinal(status), true),
    takeUntil(detached$),
    share({ connector: () => new ReplaySubject<JobStatus>(1), resetOnError: true, resetOnComplete: false, resetOnRefCountZero: true }),
  );
}

/** A DONE job's result; asks again after `retryMs` while the server does not serve it yet. */
function fetchResult(transport: BackendTransport, scheduler: PollScheduler, jobId: string, retryMs: number): Observable<JobResult> {
  return scheduler
    .request(jobId, (signal, onRetry) => transport.jobResult(jobId, { signal, onRetry }))
    .pipe(
      switchMap((answer) => {
        if (answer.ready) return of(answer.result);
        if (answer.status.state === 'ERROR') return throwError(() => jobEndError(jobId, answer.status));
        // The status said DONE but the result is not served yet: ask again shortly.
        return timer(retryMs).pipe(switchMap(() => fetchResult(transport, scheduler, jobId, retryMs)));
      }),
    );
}

/** What follows the last status: the result of a DONE job, else the error it ended with, journaled first. */
function resultAfter(
  status: JobStatus | undefined,
  transport: BackendTransport,
  scheduler: PollScheduler,
  { jobId, options, journaling }: HandleContext,
): Observable<JobResult> {
  if (status?.state === 'ERROR') {
    // The terminal state is durable before the error reaches the caller (status$ journals
    // without waiting), so code that reads the journal right after sees ERROR or LOST.
    return defer(async () => {
      const state = endStateOf(status);
      await journaling(options.journal?.update(jobId, { state, detail: status.detail, errorMessage: status.errorMessage }));
      throw jobEndError(jobId, status);
    });
  }
  // status$ ends before DONE/ERROR only when detached.
  if (status?.state !== 'DONE') return throwError(() => detachedError(jobId));
  return fetchResult(transport, scheduler, jobId, options.resultRetryMs ?? 1_000).pipe(
    // A DONE job whose result the server no longer has (restart, eviction) is lost: recorded as
    // such before the error reaches the caller, so the journal never says "wait" for ever.
    catchError((error: unknown) =>
      error instanceof JobLostError
        ? defer(async () => {
            await journaling(options.journal?.update(jobId, { state: 'LOST', detail: error.detail, errorMessage: error.errorMessage }));
            throw error;
          })
        : throwError(() => error),
    ),
  );
}

/** `result$`: the result once the job is DONE, stored in the journal before it is emitted. */
function followResult(
  status$: Observable<JobStatus>,
  transport: BackendTransport,
  scheduler: PollScheduler,
  context: HandleContext,
  detached$: Observable<void>,
): Observable<JobResult> {
  const { jobId, options } = context;
  return status$.pipe(
    last(undefined, undefined as JobStatus | undefined),
    switchMap((status) => resultAfter(status, transport, scheduler, context)),
    concatMap(async (result) => {
      await context.journaling(options.journal?.saveResult(jobId, result));
      context.emit({ type: 'result', atMs: Date.now() });
      return result;
    }),
    takeUntil(detached$),
    throwIfEmpty(() => detachedError(jobId)),
    share({ connector: () => new ReplaySubject<JobResult>(1), resetOnError: true, resetOnComplete: false, resetOnRefCountZero: true }),
  );
}

/** `wait()`: the first result, unless the timeout or the signal comes first. */
function waitForResult(result$: Observable<JobResult>, jobId: string, { timeoutMs, signal }: WaitOptions): Promise<JobResult> {
  const stops: Observable<never>[] = [];
  if (timeoutMs !== undefined) {
    stops.push(
      timer(timeoutMs).pipe(
        map(() => {
          throw new TimeoutError(`Job ${jobId} gave no result within ${timeoutMs} ms; it keeps running on the server`, { timeoutMs });
        }),
      ),
    );
  }
  if (signal) stops.push(abortedBy(signal, jobId));
  return firstValueFrom(merge(result$, ...stops));
}

/**
 * Follows one job through its backend's shared scheduler. Nothing is sent until `status$`,
 * `result$` or `wait()` is subscribed. Usually made by `backend.submitJob()` or
 * `backend.retrieve(id)`; see {@link JobHandle} for the semantics.
 */
export function createJobHandle(transport: BackendTransport, scheduler: PollScheduler, jobId: string, options: JobHandleOptions = {}): JobHandle {
  const events = new Subject<JobEvent>();
  const detached$ = new ReplaySubject<void>(1);
  let isDetached = false;
  const context: HandleContext = {
    jobId,
    createdMs: Date.now(),
    options,
    latest: options.initialStatus,
    emit: (event) => {
      if (!isDetached) events.next(event);
    },
    journaling: (work) => (work ?? Promise.resolve()).catch((error: unknown) => context.emit({ type: 'journal-failed', error, atMs: Date.now() })),
  };
  const status$ = followStatus(transport, scheduler, context, detached$);
  const result$ = followResult(status$, transport, scheduler, context, detached$);
  const submitted: JobEvent | undefined = options.initialStatus ? { type: 'submitted', jobId, atMs: context.createdMs } : undefined;

  return {
    jobId,
    status$,
    result$,
    events$: defer(() => (submitted ? merge(of(submitted), events) : events.asObservable())),
    wait: (waitOptions: WaitOptions = {}) => waitForResult(result$, jobId, waitOptions),
    detach() {
      if (isDetached) return;
      events.next({ type: 'detached', atMs: Date.now() });
      isDetached = true;
      detached$.next();
      events.complete();
    },
  };
}
