import type { Backend, BackendTransport, RequestOptions, SubmitAnswer } from '../backend.js';
import { BackendHttpError, NetworkError } from '../errors.js';
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

/** A failed submission after which the server certainly holds no job: a 4xx answer, or a request that never left. */
function provablyNoJob(error: unknown): boolean {
  return (error instanceof BackendHttpError && error.status < 500) || (error instanceof NetworkError && error.notSent);
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
      // Write-ahead: a crash between the server's answer and the journal entry leaves a pending
      // submission behind instead of nothing.
      const key = journal ? await journal.beginSubmission(transport.target, payload) : undefined;
      let answer: SubmitAnswer;
      try {
        answer = await transport.submit(payload, { ...(signal ? { signal } : {}), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
      } catch (error) {
        if (key && journal && provablyNoJob(error)) await journal.endSubmission(key);
        throw error;
      }
      if (journal && key) {
        await journal.record({ ...meta, jobId: answer.jobId, target: transport.target, payload, status: answer.status });
        await journal.endSubmission(key);
      }
      return handle(answer.jobId, { initialStatus: answer.status });
    },
  };
}
