import { JobFailedError, JobLostError } from '../errors.js';
import { isUnknownJobStatus, type JobStatus } from '../protocol/status.js';

/** How an ERROR status ends a job in the journal: LOST when the server no longer knows the job, else ERROR. */
export function endStateOf(status: JobStatus): 'LOST' | 'ERROR' {
  return isUnknownJobStatus(status) ? 'LOST' : 'ERROR';
}

/** The error an ERROR status ends a job with: lost (the server does not know it) or failed. */
export function jobEndError(jobId: string, status: JobStatus): JobFailedError | JobLostError {
  return isUnknownJobStatus(status)
    ? new JobLostError(jobId, status.detail, status.errorMessage)
    : new JobFailedError(jobId, status.detail, status.errorMessage);
}
