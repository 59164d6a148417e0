import { isReferenceBackendName, referenceBackend, referenceBackendNames, type BackendConfiguration, type BackendStatus, type ReferenceBackendName } from '@coldatom/backend-config';
import { ColdAtomError, JobResult, toJobStatus, type BackendTransport, type JobPayload, type JobResultAnswer, type JobStatus, type SubmitAnswer } from '@coldatom/core';
import { JobRunner, type JobRunnerOptions } from './runner/job-runner.js';

/**
 * A reference backend simulated in this process, behind the same interface as a remote one:
 * `backendFor('local:singlequdit')` swaps a lab for it. Jobs are accepted at once and validated
 * and run asynchronously, exactly as on the reference server.
 */
export class LocalBackend implements BackendTransport {
  readonly name: ReferenceBackendName;
  readonly target: string;
  readonly runner: JobRunner;

  constructor(name: string, options: JobRunnerOptions = {}) {
    if (!isReferenceBackendName(name)) {
      throw new ColdAtomError(`There is no local backend "${name}"; local backends: ${referenceBackendNames.map((n) => `local:${n}`).join(', ')}`);
    }
    this.name = name;
    this.target = `local:${name}`;
    this.runner = new JobRunner(name, options);
  }

  async config(): Promise<BackendConfiguration> {
    return { ...referenceBackend(this.name).config, url: null };
  }

  async status(): Promise<BackendStatus> {
    const config = referenceBackend(this.name).config;
    return { backend_name: config.backend_name, backend_version: config.backend_version ?? '', operational: true, pending_jobs: this.runner.pending, status_msg: '' };
  }

  async submit(payload: JobPayload): Promise<SubmitAnswer> {
    const status = this.runner.submit(payload);
    return { jobId: status.job_id, status: toJobStatus(status, status.job_id) };
  }

  async jobStatus(jobId: string): Promise<JobStatus> {
    return toJobStatus(this.runner.status(jobId) ?? unknownJob(jobId), jobId);
  }

  async jobResult(jobId: string): Promise<JobResultAnswer> {
    const result = this.runner.result(jobId);
    if (result) return { ready: true, result: JobResult.parse(result) };
    return { ready: false, status: await this.jobStatus(jobId) };
  }
}

/** The reference server's answer for an id it does not know. */
export function unknownJob(jobId: string): { job_id: string; status: 'ERROR'; detail: string; error_message: string } {
  return { job_id: jobId, status: 'ERROR', detail: 'Could not find the status file.', error_message: `Missing status file for ${jobId}.` };
}
