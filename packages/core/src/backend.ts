import type { BackendConfiguration, BackendStatus } from '@coldatom/backend-config';
import type { JobPayload } from './protocol/payload.js';
import type { JobResult } from './protocol/result.js';
import type { JobStatus } from './protocol/status.js';
import type { RetryEvent } from './transport/send.js';

/** Per-call options of every backend method. */
export interface RequestOptions {
  /**
   * Aborts the call; the in-flight request is cancelled. A signal may outlive the call (the job
   * layer passes one signal to all polls of a job, and hands a never-aborted one on to its next
   * request), so a transport never leaves a listener on it per call (ours keeps at most one per
   * signal), and reacts to an abort only while the call is running.
   */
  readonly signal?: AbortSignal;
  /** Total deadline for this call (headers and body), overriding the backend's default. @unit milliseconds */
  readonly timeoutMs?: number;
  /**
   * Told of each retry of this call (besides the backend's `onRetry`): how the job layer routes a
   * transport's retries to the job whose request it is, on any platform.
   */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** What `submit` resolves to: the server-assigned id and the status the server answered with. */
export interface SubmitAnswer {
  /** The job id as a string (servers have sent integers; ids are opaque). */
  readonly jobId: string;
  readonly status: JobStatus;
}

/**
 * The answer of `get_job_result`: the result once DONE, else the status object the server sent
 * instead (protocol.md §3.3: "not ready yet").
 */
export type JobResultAnswer = { readonly ready: true; readonly result: JobResult } | { readonly ready: false; readonly status: JobStatus };

/**
 * The protocol operations of one backend, whatever it is: a remote lab, a remote simulator, or
 * our local simulator. Implementations: `RemoteBackend` (HTTP, every dialect) and the simulator's
 * `LocalBackend`.
 */
export interface BackendTransport {
  /** Short backend name (`display_name`), e.g. `singlequdit`. */
  readonly name: string;
  /** What the backend was created from: a backend base URL or `local:<name>`. */
  readonly target: string;
  /** `get_config`, parsed; cached per the backend's TTL option. */
  config(options?: RequestOptions): Promise<BackendConfiguration>;
  /** `get_backend_status`; `undefined` when the server does not support it (older servers answer 404). */
  status(options?: RequestOptions): Promise<BackendStatus | undefined>;
  /** `post_job`. Never retried unless the request provably did not reach the server. */
  submit(payload: JobPayload, options?: RequestOptions): Promise<SubmitAnswer>;
  /** `get_job_status` for the given id (an HTTP 406 with a status body is an ERROR status, not a throw). */
  jobStatus(jobId: string, options?: RequestOptions): Promise<JobStatus>;
  /** `get_job_result`: the result, or the status when not ready. */
  jobResult(jobId: string, options?: RequestOptions): Promise<JobResultAnswer>;
  /**
   * Optional, for in-process backends (the simulator's `local:` ones): calls `onStatus` with the
   * job's status at once and again on every change, and answers a function that stops the calls.
   * Job handles then learn of completion when it happens instead of at their next poll (polling
   * stays as a slow safety net), and since requests to such a backend load no server, its
   * scheduler's request-rate cap is lifted unless `polling.maxRequestsPerSecond` is set.
   */
  watchJob?(jobId: string, onStatus: (status: JobStatus) => void): () => void;
}
