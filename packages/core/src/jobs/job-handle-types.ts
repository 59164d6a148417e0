import type { Observable } from '../internal/rx.js';
import type { ColdAtomError } from '../errors.js';
import type { JobResult } from '../protocol/result.js';
import type { JobStatus } from '../protocol/status.js';

/**
 * What happens to a job, as `events$` tells it. `atMs` is the wall-clock time (`Date.now()`).
 *
 * - `submitted`: the server accepted the job (only for handles made by `submitJob`; replayed to
 *   every subscriber).
 * - `state`: `status$` emitted a new status.
 * - `retry`: the transport is repeating a failed request for this job after `delayMs`.
 * - `unreachable`: a request for this job failed transiently (connection refused or reset, timeout,
 *   5xx, an HTML or malformed body); it is asked again in `retryInMs`. The server has been
 *   unreachable since `sinceMs`; past the outage tolerance the handle gives up with
 *   `JobUnreachableError` (the job stays on the server).
 * - `reachable`: an answer came again after `unreachable` events, `afterMs` later.
 * - `backoff`: the backend answered HTTP 429; every job of the backend pauses for `pauseMs`.
 * - `stalled`: the job was still not DONE/ERROR `stallAfterMs` after it was submitted or attached.
 * - `result`: the result was fetched (and stored in the journal, if any).
 * - `journal-failed`: the journal could not record a state or result; following goes on.
 * - `detached`: `detach()` was called.
 */
export type JobEvent =
  | { readonly type: 'submitted'; readonly jobId: string; readonly atMs: number }
  | { readonly type: 'state'; readonly status: JobStatus; readonly atMs: number }
  | { readonly type: 'retry'; readonly attempt: number; readonly delayMs: number; readonly error: ColdAtomError; readonly atMs: number }
  | { readonly type: 'unreachable'; readonly error: ColdAtomError; readonly retryInMs: number; readonly sinceMs: number; readonly atMs: number }
  | { readonly type: 'reachable'; readonly afterMs: number; readonly atMs: number }
  | { readonly type: 'backoff'; readonly pauseMs: number; readonly atMs: number }
  | { readonly type: 'stalled'; readonly sinceMs: number; readonly atMs: number }
  | { readonly type: 'result'; readonly atMs: number }
  | { readonly type: 'journal-failed'; readonly error: unknown; readonly atMs: number }
  | { readonly type: 'detached'; readonly atMs: number };

/** Options of {@link JobHandle.wait}. */
export interface WaitOptions {
  /** Reject with `TimeoutError` when no result came within this long; the job keeps running. @unit milliseconds */
  readonly timeoutMs?: number;
  /** Reject with `AbortError` when this fires; the job keeps running. */
  readonly signal?: AbortSignal;
}

/**
 * A job as observables: one poll loop per job however many subscribers, through the backend's
 * shared scheduler. Nothing is sent until something subscribes to `status$` or `result$` (or
 * calls `wait()`).
 *
 * The protocol has **no remote cancel**: no generation of qlued/sqooler can stop a job once
 * `post_job` accepted it. `detach()` and unsubscribing only stop following the job here; it keeps
 * running on the server and can be attached to again with `backend.retrieve(jobId)`.
 */
export interface JobHandle {
  /** The id the server assigned; all state is keyed on it, never on the `job_id` inside a status body. */
  readonly jobId: string;
  /**
   * Statuses, one emission per change (state, raw string, detail or error text): replays the latest
   * to late subscribers, completes right after DONE or ERROR, and errors only when the transport
   * gives up after its retries (or with `JobStalledError` past `deadlineMs`). States run
   * `SUBMITTED → INITIALIZING | QUEUED | RUNNING → DONE | ERROR`; a status string no generation
   * defines is kept in `raw` with the state unchanged. Polling stops, and the in-flight request is
   * aborted, when the last subscriber unsubscribes.
   */
  readonly status$: Observable<JobStatus>;
  /**
   * The result once the job is DONE (one `get_job_result` call however many subscribe; asked again
   * while the server still answers the status object), then completes. Errors with
   * `JobFailedError` (carrying `detail` and `errorMessage`) when the job ends in ERROR. Completion is
   * decided by the status endpoint, never by the `status` field inside a result body.
   */
  readonly result$: Observable<JobResult>;
  /** What happens to the job (see {@link JobEvent}); hot, and does not itself start polling. Completes on `detach()`. */
  readonly events$: Observable<JobEvent>;
  /** The result as a promise; rejects like `result$`, or at `timeoutMs`, or when `signal` fires. */
  wait(options?: WaitOptions): Promise<JobResult>;
  /**
   * Stops following the job here: `status$` completes, `result$` and pending `wait()`s reject with
   * `AbortError`, and nothing is polled any more. It does **not** cancel the job on the server (the
   * protocol has no such operation); the job keeps running there and stays in the journal.
   */
  detach(): void;
}
