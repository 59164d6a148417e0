export {
  Instruction,
  WireOrder,
  Experiment,
  JobPayload,
  EXPERIMENT_NAME_PATTERN,
  experiment,
  experimentIndex,
  experimentName,
} from './protocol/payload.js';
export { StatusMessage, normalizeState, isTerminalState, isUnknownJobStatus, noneToNull, toJobStatus } from './protocol/status.js';
export type { JobState, JobStatus } from './protocol/status.js';
export { ExperimentResult, JobResult, decodeMemory } from './protocol/result.js';
export { NinjaValidationBody, NinjaDetailBody, classifyBody } from './protocol/error-body.js';
export type { BodyKind } from './protocol/error-body.js';
export {
  ColdAtomError,
  isColdAtomError,
  BackendHttpError,
  AuthError,
  NotFoundError,
  JobRejectedError,
  RequestValidationError,
  RateLimitError,
  ServerError,
  NetworkError,
  TimeoutError,
  AbortError,
  ProtocolError,
  JobFailedError,
  JobLostError,
  JobUnreachableError,
} from './errors.js';
export type { ColdAtomErrorOptions, HttpErrorOptions, RequestContext, RequestValidationIssue } from './errors.js';
export type { Backend, BackendTransport, RequestOptions, SubmitAnswer, JobResultAnswer } from './backend.js';
export type { JobHandle } from './jobs/job-handle-types.js';
export { RemoteBackend, listBackends } from './transport/remote-backend.js';
export type { RemoteBackendOptions } from './transport/remote-backend.js';
export { backendFor, transportFor, registerBackendScheme } from './backend-for.js';
export type { BackendFactory, BackendForOptions } from './backend-for.js';
export { parseBackendUrl, buildRequest } from './transport/dialect.js';
export type { Dialect, Credentials, Endpoint, BackendLocation, BuiltRequest } from './transport/dialect.js';
export type { RetryOptions, RetryEvent, SendOptions } from './transport/send.js';
export { PollScheduler } from './jobs/poll-scheduler.js';
export type { PollSchedulerOptions, SchedulerNotice } from './jobs/poll-scheduler.js';
export { routeRetryToJobs } from './jobs/retry-context.js';
export { createJobHandle, JobStalledError } from './jobs/job-handle.js';
export type { JobHandleOptions } from './jobs/job-handle.js';
export type { JobEvent, WaitOptions } from './jobs/job-handle-types.js';
export { JobThrottle } from './jobs/job-throttle.js';
export type { QueueTicket } from './jobs/job-throttle.js';
export { withJobs } from './jobs/with-jobs.js';
export type { JobsBackend, JobsOptions, SubmitJobOptions } from './jobs/with-jobs.js';
export { JobMetadata, JobMetadataError, ScanPoint, ScanRecord, MAX_NOTES_CHARS, parseJobMetadata } from './jobs/job-metadata.js';
export { JournalEntry, JournalState, PendingSubmission, isFinishedEntry, resumeJobs } from './jobs/journal.js';
export type { JobJournal, JournalEntryInput, JournalStatePatch, PendingRun, Retriever, RetrieveOptions } from './jobs/journal.js';
export { FileJobJournal, JournalReadError } from './jobs/file-job-journal.js';
export type { FileJobJournalOptions, SetAsideNotice } from './jobs/file-job-journal.js';
export { canonicalJson, sha256Json } from './jobs/payload-hash.js';
export { splitPayload } from './jobs/split-payload.js';
export type { PayloadChunk } from './jobs/split-payload.js';
export { startRun } from './jobs/run.js';
export type { Run, RunOptions, RunProgress, ExperimentOutcome } from './jobs/run.js';
export { ConfigDriftError, configDrift, configHash } from './jobs/config-drift.js';
export type { ConfigChange } from './jobs/config-drift.js';
