import type { Backend, BackendTransport, RequestOptions } from '../backend.js';
import type { JobPayload } from '../protocol/payload.js';
import { createJobHandle, type JobHandleOptions } from './job-handle.js';
import type { JobHandle } from './job-handle-types.js';
import type { JobJournal, JournalEntryInput } from './journal.js';
import { PollScheduler, type PollSchedulerOptions } from './poll-scheduler.js';

/** Options of {@link withJobs}. */
export interface JobsOptions {
  /** The backend's shared poll loop. */
  readonly polling?: PollSchedulerOptions;
  /** Defaults for every handle (stall and deadline). */
  readonly handles?: Pick<JobHandleOptions, 'stallAfterMs' | 'deadlineMs' | 'resultRetryMs'>;
  /** Where accepted jobs are recorded before `submitJob` resolves. */
  readonly journal?: JobJournal;
}

/** What a submission may carry into the journal. */
export type SubmitJobOptions = RequestOptions & Omit<JournalEntryInput, 'jobId' | 'target' | 'payload' | 'status'>;

/** A backend with job handles: `retrieve(id)` and `submitJob(payload)` over its protocol operations. */
export interface JobsBackend extends Backend {
  /** The shared poll loop of this backend. */
  readonly scheduler: PollScheduler;
  /** The journal jobs are recorded in, if any. */
  readonly journal: JobJournal | undefined;
  /** Submits and returns a handle; with a journal, the job is recorded before this resolves. */
  submitJob(payload: JobPayload, options?: SubmitJobOptions): Promise<JobHandle>;
}

/**
 * Adds job handles to a backend's protocol operations: one poll scheduler per backend, handles for
 * any id, and journaling of every accepted job.
 *
 * @example
 * const backend = withJobs(backendFor('local:singlequdit'));
 * const job = await backend.submitJob(payload);
 * job.status$.subscribe((s) => console.log(s.state));
 * const result = await job.wait();
 */
export function withJobs(transport: BackendTransport, options: JobsOptions = {}): JobsBackend {
  const scheduler = new PollScheduler(options.polling);
  const journal = options.journal;
  const handle = (jobId: string, extra: JobHandleOptions = {}): JobHandle =>
    createJobHandle(transport, scheduler, jobId, {
      ...options.handles,
      ...extra,
      ...(journal ? { onStatus: (s) => void journal.update(jobId, { state: s.state ?? 'SUBMITTED' }), onResult: (r) => void journal.saveResult(jobId, r) } : {}),
    });
  return {
    name: transport.name,
    target: transport.target,
    scheduler,
    journal,
    config: (o) => transport.config(o),
    status: (o) => transport.status(o),
    submit: (payload, o) => transport.submit(payload, o),
    jobStatus: (id, o) => transport.jobStatus(id, o),
    jobResult: (id, o) => transport.jobResult(id, o),
    retrieve: (jobId) => handle(jobId),
    async submitJob(payload, submitOptions = {}) {
      const { signal, timeoutMs, ...meta } = submitOptions;
      const answer = await transport.submit(payload, { ...(signal ? { signal } : {}), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
      if (journal) await journal.record({ ...meta, jobId: answer.jobId, target: transport.target, payload, status: answer.status });
      return handle(answer.jobId, { initialStatus: answer.status });
    },
  };
}
