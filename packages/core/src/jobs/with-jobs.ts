import type { BackendTransport, RequestOptions, SubmitAnswer } from '../backend.js';
import { BackendHttpError, ColdAtomError, NetworkError } from '../errors.js';
import type { JobPayload } from '../protocol/payload.js';
import { createJobHandle, type JobHandleOptions } from './job-handle.js';
import type { JobHandle } from './job-handle-types.js';
import { parseJobMetadata, type ScanRecord } from './job-metadata.js';
import { JobThrottle } from './job-throttle.js';
import type { JobJournal, RetrieveOptions } from './journal.js';
import { PollScheduler, type PollSchedulerOptions } from './poll-scheduler.js';

/** Options of {@link withJobs}. */
export interface JobsOptions {
  /** The backend's shared poll loop. */
  readonly polling?: PollSchedulerOptions;
  /** Defaults for every handle of this backend. */
  readonly handles?: Pick<JobHandleOptions, 'stallAfterMs' | 'deadlineMs' | 'resultRetryMs'>;
  /** Where accepted jobs are recorded before `submitJob` resolves. */
  readonly journal?: JobJournal;
  /** Most unfinished jobs of runs on this backend at once; further submissions wait in a local queue. @default 4 */
  readonly maxActiveJobs?: number;
}

/** Options of {@link JobsBackend.submitJob}. */
export interface SubmitJobOptions extends RequestOptions {
  /** Record the job here instead of the backend's journal. */
  readonly journal?: JobJournal;
  /** Scan metadata: parameter names and each experiment's values. */
  readonly scan?: ScanRecord;
  /** Free text kept with the job, at most 500 characters. */
  readonly notes?: string;
  /** Labels kept with the job (no line breaks; at most 500 characters together). */
  readonly tags?: readonly string[];
  /** Hash of the configuration the payload was compiled against (`configHash(config)`). */
  readonly configHash?: string;
  /** The run this job belongs to. */
  readonly runId?: string;
  /** The original experiment name of each experiment of this payload, when a run split a bigger one. */
  readonly originals?: readonly string[];
}

/** A backend with job handles over its protocol operations. */
export interface JobsBackend extends BackendTransport {
  /** The poll loop all handles of this backend share. */
  readonly scheduler: PollScheduler;
  /** The queue runs on this backend wait in (`maxActiveJobs`). */
  readonly throttle: JobThrottle;
  /** The journal jobs are recorded in by default, if any. */
  readonly journal: JobJournal | undefined;
  /**
   * Submits a payload and returns its handle. Notes, tags and scan metadata are validated first
   * (`JobMetadataError`, nothing sent). With a journal, the submission is written ahead before
   * `post_job` is sent and the accepted job is recorded before this resolves.
   */
  submitJob(payload: JobPayload, options?: SubmitJobOptions): Promise<JobHandle>;
  /** Attaches to any job id, including jobs submitted elsewhere; nothing is sent until subscribed. */
  retrieve(jobId: string, options?: RetrieveOptions): JobHandle;
}

/** A failed submission after which the server certainly holds no job: a 4xx answer, or a request that never left. */
function provablyNoJob(error: unknown): boolean {
  return (error instanceof BackendHttpError && error.status < 500) || (error instanceof NetworkError && error.notSent);
}

/** The dialect a transport speaks (`RemoteBackend.dialect`), else its target's scheme (`local`). */
function dialectOf(transport: BackendTransport): string | undefined {
  const dialect: unknown = (transport as { readonly dialect?: unknown }).dialect;
  if (typeof dialect === 'string') return dialect;
  return /^([a-z][a-z0-9+.-]*):(?!\/\/)/i.exec(transport.target)?.[1]?.toLowerCase();
}

/**
 * Adds job handles to a backend's protocol operations: one {@link PollScheduler} and one
 * {@link JobThrottle} per backend, handles for any id, and journaling of every accepted job.
 * `backendFor` returns such a backend; use this to wrap a transport of your own.
 *
 * @example
 * const backend = withJobs(new RemoteBackend(url, { token }), { journal });
 * const job = await backend.submitJob(payload, { notes: 'Rabi, 50 atoms' });
 * job.status$.subscribe((s) => console.log(s.state));
 * const result = await job.wait({ timeoutMs: 600_000 });
 */
export function withJobs(transport: BackendTransport, options: JobsOptions = {}): JobsBackend {
  // Requests to an in-process backend (one that pushes statuses) load no server: no rate cap unless asked for.
  const scheduler = new PollScheduler(transport.watchJob ? { maxRequestsPerSecond: Number.POSITIVE_INFINITY, ...options.polling } : options.polling);
  const throttle = new JobThrottle(options.maxActiveJobs ?? 4);
  const handle = (jobId: string, journal: JobJournal | undefined, extra: JobHandleOptions = {}): JobHandle =>
    createJobHandle(transport, scheduler, jobId, { ...options.handles, ...extra, ...(journal ? { journal } : {}) });

  return {
    name: transport.name,
    target: transport.target,
    scheduler,
    throttle,
    journal: options.journal,
    config: (o) => transport.config(o),
    status: (o) => transport.status(o),
    submit: (payload, o) => transport.submit(payload, o),
    jobStatus: (id, o) => transport.jobStatus(id, o),
    jobResult: (id, o) => transport.jobResult(id, o),
    retrieve: (jobId, retrieveOptions = {}) => handle(jobId, retrieveOptions.journal ?? options.journal),

    async submitJob(payload, submitOptions = {}) {
      const { signal, timeoutMs, journal: ownJournal, scan, notes, tags, configHash, runId, originals } = submitOptions;
      const metadata = parseJobMetadata({ scan, notes, tags });
      const journal = ownJournal ?? options.journal;
      const key = journal ? await journal.beginSubmission(transport.target, payload, { runId, originals }) : undefined;
      let answer: SubmitAnswer;
      try {
        answer = await transport.submit(payload, { ...(signal ? { signal } : {}), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
      } catch (error) {
        if (journal && key && provablyNoJob(error)) await journal.endSubmission(key);
        throw error;
      }
      if (journal && key) {
        const dialect = dialectOf(transport);
        try {
          await journal.record({
            ...(metadata.scan ? { scan: metadata.scan } : {}),
            ...(metadata.notes === undefined ? {} : { notes: metadata.notes }),
            ...(metadata.tags ? { tags: metadata.tags } : {}),
            jobId: answer.jobId,
            target: transport.target,
            payload,
            status: answer.status,
            ...(dialect === undefined ? {} : { dialect }),
            ...(configHash === undefined ? {} : { configHash }),
            ...(runId === undefined ? {} : { runId }),
            ...(originals === undefined ? {} : { originals }),
          });
        } catch (cause) {
          throw new ColdAtomError(
            `Job ${answer.jobId} was accepted by ${transport.name} but could not be recorded in the journal; its submission stays listed as pending. Follow it with backend.retrieve('${answer.jobId}')`,
            { cause },
          );
        }
        await journal.endSubmission(key);
      }
      return handle(answer.jobId, journal, { initialStatus: answer.status });
    },
  };
}

/**
 * The backend with job handles, under its 0.1 name: one interface (`JobsBackend`) now carries what
 * `Backend` and `JobsBackend` split between them.
 * @deprecated Use {@link JobsBackend}.
 */
export type Backend = JobsBackend;
