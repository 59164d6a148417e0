import type { Observable } from 'rxjs';
import type { JobResult } from '../protocol/result.js';
import type { JobStatus } from '../protocol/status.js';

/** What happens to a job, as `events$` tells it. */
export type JobEvent =
  | { readonly type: 'submitted'; readonly jobId: string; readonly atMs: number }
  | { readonly type: 'state'; readonly status: JobStatus; readonly atMs: number }
  | { readonly type: 'backoff'; readonly pauseMs: number; readonly atMs: number }
  | { readonly type: 'stalled'; readonly sinceMs: number; readonly atMs: number }
  | { readonly type: 'result'; readonly atMs: number }
  | { readonly type: 'detached'; readonly atMs: number };

/**
 * A job as observables: one poll loop per job however many subscribers.
 * The protocol has no remote cancel: `detach()` only stops following the job here; it keeps
 * running on the server and can be attached to again with `backend.retrieve(id)`.
 */
export interface JobHandle {
  readonly jobId: string;
  /**
   * Distinct statuses: replays the latest to late subscribers, completes after DONE or ERROR,
   * errors only when the transport gives up. Each handle polls once however many subscribe;
   * polling stops (and the in-flight request is aborted) when the last subscriber leaves.
   */
  readonly status$: Observable<JobStatus>;
  /** The result once DONE, then completes; errors with `JobFailedError` on ERROR. */
  readonly result$: Observable<JobResult>;
  /** Submitted, state changes, backend backoff, stalls, result fetched, detached. */
  readonly events$: Observable<JobEvent>;
  /** Resolves with the result (or rejects), for callers who prefer promises. */
  wait(options?: { readonly timeoutMs?: number; readonly signal?: AbortSignal }): Promise<JobResult>;
  /** Stops following the job locally; the job keeps running on the server. */
  detach(): void;
}
