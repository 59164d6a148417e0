import {
  isReferenceBackendName,
  referenceBackendNames,
  type BackendConfiguration,
  type BackendStatus,
  type ReferenceBackendName,
} from '@coldatom/backend-config';
import { ColdAtomError, type JobResult, type BackendTransport, type JobPayload, type JobResultAnswer, type JobStatus, type SubmitAnswer } from '@coldatom/core';
import { toJobStatus } from '@coldatom/core/internal';
import { backendStatusDocument, servedConfig } from './runner/backend-documents.js';
import { memoryOfShots, type CompactResult } from './runner/compact-result.js';
import { unknownJobStatus } from './runner/job-documents.js';
import { JobRunner, type JobRunnerOptions } from './runner/job-runner.js';

/** Options of {@link LocalBackend}. */
export interface LocalBackendOptions extends JobRunnerOptions {
  /**
   * Runner to share with other local backends (its options then apply instead of the ones here).
   * Backends sharing a runner share its queue bound and see each other's jobs only on the same backend name.
   * @default a runner of this backend's own, made from these options
   */
  readonly runner?: JobRunner;
}

/**
 * A reference backend simulated in this process behind the same interface as a remote one, so
 * handles, observables, journals and runs work unchanged: `backendFor('local:singlequdit')` swaps
 * a lab for it. Jobs are accepted at once (INITIALIZING), then validated with the server's rules
 * and simulated on worker threads, ending DONE or ERROR exactly as on the reference server.
 *
 * @example
 * const backend = new LocalBackend('singlequdit');
 * const { jobId } = await backend.submit(payload);
 * await backend.jobStatus(jobId); // INITIALIZING, then DONE or ERROR
 */
export class LocalBackend implements BackendTransport {
  readonly name: ReferenceBackendName;
  readonly target: string;
  /** Where this backend's jobs live. */
  readonly runner: JobRunner;

  /** @throws {ColdAtomError} naming the local backends when `name` is none of them */
  constructor(name: string, options: LocalBackendOptions = {}) {
    if (!isReferenceBackendName(name)) {
      throw new ColdAtomError(`There is no local backend "${name}"; local backends: ${referenceBackendNames.map((n) => `local:${n}`).join(', ')}`);
    }
    this.name = name;
    this.target = `local:${name}`;
    this.runner = options.runner ?? new JobRunner(options);
  }

  /** The reference config of the backend; `url` is null, as in a server's `/backends` list. */
  async config(): Promise<BackendConfiguration> {
    return servedConfig(this.name, null);
  }

  /** Always operational; `pending_jobs` counts this backend's unfinished jobs. */
  async status(): Promise<BackendStatus> {
    return backendStatusDocument(this.name, this.runner.pending(this.name));
  }

  /**
   * Accepts the job and answers INITIALIZING. The payload is copied through JSON, as a request
   * would carry it, so later changes to the object do not reach the job.
   * @throws {QueueFullError} when the runner holds `maxQueuedJobs` unfinished jobs
   */
  async submit(payload: JobPayload): Promise<SubmitAnswer> {
    const status = this.runner.submit(this.name, JSON.parse(JSON.stringify(payload)) as unknown);
    return { jobId: status.job_id, status: toJobStatus(status, status.job_id) };
  }

  /** The job's status; an unknown id reads as the reference's "Could not find the status file." ERROR. */
  async jobStatus(jobId: string): Promise<JobStatus> {
    return toJobStatus(this.runner.status(this.name, jobId) ?? unknownJobStatus(jobId), jobId);
  }

  /**
   * Pushes the job's status now and when it finishes, so job handles resolve as soon as the job is
   * done rather than at their next poll (core's `BackendTransport.watchJob`). An unknown id gets
   * the unknown-job ERROR once.
   */
  watchJob(jobId: string, onStatus: (status: JobStatus) => void): () => void {
    const stop = this.runner.watch(this.name, jobId, (status) => onStatus(toJobStatus(status, jobId)));
    if (stop) return stop;
    onStatus(toJobStatus(unknownJobStatus(jobId), jobId));
    return () => {};
  }

  /** The result once DONE, else the status (as `get_job_result` answers). */
  async jobResult(jobId: string): Promise<JobResultAnswer> {
    const result = this.runner.compactResult(this.name, jobId);
    if (result) return { ready: true, result: copyOf(result) };
    return { ready: false, status: await this.jobStatus(jobId) };
  }
}

/**
 * A caller's own copy of a stored result (as a fresh response body would be), without re-parsing
 * what this package built itself: parsing 100 experiments × 1000 shots took longer than simulating
 * them. The memory strings are made here, from the compact shots, in one pass.
 */
function copyOf(result: CompactResult): JobResult {
  const { document, shots } = result;
  return {
    ...document,
    header: {},
    results: document.results.map((r, i) => ({
      header: { ...r.header },
      shots: r.shots,
      success: r.success,
      data: {
        memory: shots[i] ? memoryOfShots(shots[i]) : [],
        instructions: r.data.instructions?.map((inst) => ({ name: inst.name, wires: [...inst.wires], params: [...inst.params] })) ?? null,
      },
    })),
  };
}

let sharedRunner: JobRunner | undefined;

/**
 * The backend `backendFor('local:<name>')` makes. Every `local:` target shares one runner, as the
 * backends of one server share it: a job id submitted through one handle can be retrieved through
 * another `backendFor` of the same name.
 */
export function localBackendFor(name: string): LocalBackend {
  sharedRunner ??= new JobRunner();
  return new LocalBackend(name, { runner: sharedRunner });
}
