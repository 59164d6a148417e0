import type { Observable } from 'rxjs';
import type { JobResult } from '../protocol/result.js';
import type { JobStatus } from '../protocol/status.js';

/**
 * A job as an observable: one poll loop per job however many subscribers.
 * The protocol has no remote cancel: `detach()` only stops following the job.
 */
export interface JobHandle {
  readonly jobId: string;
  /** Distinct statuses; replays the latest; completes after DONE or ERROR. */
  readonly status$: Observable<JobStatus>;
  /** The result once DONE, then completes; errors with `JobFailedError` on ERROR. */
  readonly result$: Observable<JobResult>;
  /** Resolves with the result (or rejects), for callers who prefer promises. */
  wait(options?: { readonly timeoutMs?: number; readonly signal?: AbortSignal }): Promise<JobResult>;
  /** Stops following the job locally; the job keeps running on the server. */
  detach(): void;
}
