import {
  Observable,
  ReplaySubject,
  Subject,
  defer,
  distinctUntilChanged,
  filter,
  firstValueFrom,
  last,
  map,
  merge,
  scan,
  share,
  switchMap,
  takeUntil,
  takeWhile,
  tap,
  timer,
} from 'rxjs';
import type { BackendTransport } from '../backend.js';
import { AbortError, ColdAtomError, JobFailedError, TimeoutError } from '../errors.js';
import type { JobResult } from '../protocol/result.js';
import { isTerminalState, type JobStatus } from '../protocol/status.js';
import type { JobEvent, JobHandle } from './job-handle-types.js';
import type { PollScheduler } from './poll-scheduler.js';

/** A job that stayed non-terminal past its deadline (the reference spooler can leave a crashed job INITIALIZING for ever). */
export class JobStalledError extends ColdAtomError {
  override readonly name = 'JobStalledError' as const;
  readonly jobId: string;
  readonly lastStatus: JobStatus | undefined;

  constructor(jobId: string, deadlineMs: number, lastStatus: JobStatus | undefined) {
    super(`Job ${jobId} is still ${lastStatus?.raw ?? 'unanswered'} after ${deadlineMs} ms; it may have crashed the backend's spooler. It stays on the server: retrieve it later, or ask the backend operator.`);
    this.jobId = jobId;
    this.lastStatus = lastStatus;
  }
}

/** Options of a job handle. */
export interface JobHandleOptions {
  /** Emit a `stalled` event when the job is still not DONE/ERROR after this long. @default 600000 @unit milliseconds */
  readonly stallAfterMs?: number;
  /** Give up following (status$ errors with JobStalledError) after this long; unset: follow for ever. @unit milliseconds */
  readonly deadlineMs?: number;
  /** Wait between `get_job_result` calls while a DONE job's result is not served yet. @default 500 @unit milliseconds */
  readonly resultRetryMs?: number;
  /** The status `submit` answered, so subscribers start from it. */
  readonly initialStatus?: JobStatus;
  /** Called once with the result when it is fetched (the journal stores it). */
  readonly onResult?: (result: JobResult) => void;
  /** Called on every state change (the journal keeps the last known state). */
  readonly onStatus?: (status: JobStatus) => void;
}

/** An observable over one abortable request: unsubscribing aborts it (toolchain.md trap 6). */
function abortable<T>(run: (signal: AbortSignal) => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    run(controller.signal).then(
      (value) => {
        subscriber.next(value);
        subscriber.complete();
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => controller.abort();
  });
}

const sameStatus = (a: JobStatus, b: JobStatus): boolean => a.state === b.state && a.raw === b.raw && a.detail === b.detail && a.errorMessage === b.errorMessage;

/** Follows one job through the backend's shared scheduler. Nothing is sent until subscribed. */
export function createJobHandle(transport: BackendTransport, scheduler: PollScheduler, jobId: string, options: JobHandleOptions = {}): JobHandle {
  const events = new Subject<JobEvent>();
  const detached = new Subject<void>();
  const startedMs = Date.now();
  const stallAfterMs = options.stallAfterMs ?? 600_000;

  const polled = scheduler.poll(jobId, (signal) => transport.jobStatus(jobId, { signal })).pipe(
    // An unknown status string keeps the previous state: never invent a transition.
    scan((previous: JobStatus | undefined, next: JobStatus) => (next.state === undefined && previous ? { ...next, state: previous.state } : next), options.initialStatus),
    filter((s): s is JobStatus => s !== undefined),
  );
  const seeded = options.initialStatus ? merge(defer(() => [options.initialStatus!]), polled) : polled;

  const watchdog = defer(() => {
    const stall = timer(Math.max(0, startedMs + stallAfterMs - Date.now())).pipe(
      tap(() => events.next({ type: 'stalled', sinceMs: startedMs, atMs: Date.now() })),
      filter(() => false),
    );
    const deadline = options.deadlineMs === undefined ? [] : timer(Math.max(0, startedMs + options.deadlineMs - Date.now())).pipe(
      map(() => {
        throw new JobStalledError(jobId, options.deadlineMs!, latest);
      }),
    );
    return merge(stall, deadline) as Observable<never>;
  });

  let latest: JobStatus | undefined = options.initialStatus;
  const status$ = merge(seeded, watchdog).pipe(
    distinctUntilChanged(sameStatus),
    tap((status) => {
      latest = status;
      options.onStatus?.(status);
      events.next({ type: 'state', status, atMs: Date.now() });
    }),
    takeWhile((status) => !(status.state && isTerminalState(status.state)), true),
    takeUntil(detached),
    share({ connector: () => new ReplaySubject<JobStatus>(1), resetOnError: true, resetOnComplete: false, resetOnRefCountZero: true }),
  );

  const fetchResult = (): Observable<JobResult> =>
    abortable((signal) => transport.jobResult(jobId, { signal })).pipe(
      switchMap((answer) => {
        if (answer.ready) return [answer.result];
        // DONE, but the server still answers the status: ask again shortly.
        return timer(options.resultRetryMs ?? 500).pipe(switchMap(() => fetchResult()));
      }),
    );

  const result$ = status$.pipe(
    last(undefined, undefined as JobStatus | undefined),
    switchMap((status) => {
      if (status?.state === 'ERROR') throw new JobFailedError(jobId, status.detail, status.errorMessage);
      if (status?.state !== 'DONE') throw new ColdAtomError(`Job ${jobId} was detached before it finished; it keeps running on the server`);
      return fetchResult();
    }),
    tap((result) => {
      options.onResult?.(result);
      events.next({ type: 'result', atMs: Date.now() });
    }),
    share({ connector: () => new ReplaySubject<JobResult>(1), resetOnError: true, resetOnComplete: false, resetOnRefCountZero: true }),
  );

  const unsubscribeNotices = scheduler.onNotice((notice) => events.next({ type: 'backoff', pauseMs: notice.pauseMs, atMs: Date.now() }));

  return {
    jobId,
    status$,
    result$,
    events$: events.asObservable(),
    wait({ timeoutMs, signal } = {}) {
      const stops: Observable<never>[] = [];
      if (timeoutMs !== undefined) {
        stops.push(timer(timeoutMs).pipe(map(() => {
          throw new TimeoutError(`Job ${jobId} gave no result within ${timeoutMs} ms; it keeps running on the server`, { timeoutMs });
        })));
      }
      if (signal) {
        stops.push(new Observable<never>((sub) => {
          const onAbort = (): void => sub.error(new AbortError(`Waiting for job ${jobId} was aborted; it keeps running on the server`));
          if (signal.aborted) onAbort();
          signal.addEventListener('abort', onAbort, { once: true });
          return () => signal.removeEventListener('abort', onAbort);
        }));
      }
      return firstValueFrom(merge(result$, ...stops));
    },
    detach() {
      detached.next();
      detached.complete();
      unsubscribeNotices();
      events.next({ type: 'detached', atMs: Date.now() });
      events.complete();
    },
  };
}
