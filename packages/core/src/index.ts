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
export { StatusMessage, normalizeState, isTerminalState, noneToNull, toJobStatus } from './protocol/status.js';
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
} from './errors.js';
export type { ColdAtomErrorOptions, HttpErrorOptions, RequestContext, RequestValidationIssue } from './errors.js';
export type { Backend, BackendTransport, RequestOptions, SubmitAnswer, JobResultAnswer } from './backend.js';
export type { JobHandle } from './jobs/job-handle-types.js';
export { RemoteBackend, listBackends } from './transport/remote-backend.js';
export type { RemoteBackendOptions } from './transport/remote-backend.js';
export { backendFor, transportFor, registerBackendScheme } from './transport/backend-for.js';
export type { BackendFactory, BackendForOptions } from './transport/backend-for.js';
export { parseBackendUrl, buildRequest } from './transport/dialect.js';
export type { Dialect, Credentials, Endpoint, BackendLocation, BuiltRequest } from './transport/dialect.js';
export type { RetryOptions, RetryEvent, SendOptions } from './transport/send.js';
export { PollScheduler } from './jobs/poll-scheduler.js';
export type { PollSchedulerOptions, SchedulerNotice } from './jobs/poll-scheduler.js';
export { createJobHandle, JobStalledError } from './jobs/job-handle.js';
export type { JobHandleOptions } from './jobs/job-handle.js';
export type { JobEvent } from './jobs/job-handle-types.js';
export { withJobs } from './jobs/with-jobs.js';
export type { JobsBackend, JobsOptions, SubmitJobOptions } from './jobs/with-jobs.js';
export { FileJobJournal, resumeJobs, sha256Json } from './jobs/journal.js';
export type { JobJournal, JournalEntry, JournalEntryInput, PendingSubmission, Retriever, ScanRecord } from './jobs/journal.js';
export { startRun, splitPayload } from './jobs/run.js';
export type { Run, RunOptions, RunProgress, ExperimentOutcome } from './jobs/run.js';
export { ConfigDriftError, configDrift, configHash } from './jobs/config-drift.js';
