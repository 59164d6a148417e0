// The public surface shared by Node and browsers. `index.ts` (Node) and `index.browser.ts` re-export
// all of it and add their platform's journal: one list, so the two entries cannot drift apart.

// ── Backends: one target string picks a lab, a remote simulator or the local one ──────────────────
export { backendFor, transportFor, registerBackendScheme } from './backend-for.js';
export type { BackendFactory, BackendForOptions } from './backend-for.js';
export type { BackendTransport, RequestOptions, SubmitAnswer, JobResultAnswer } from './backend.js';
export { RemoteBackend, listBackends } from './transport/remote-backend.js';
export type { RemoteBackendOptions } from './transport/remote-backend.js';
export { parseBackendUrl } from './transport/dialect.js';
export type { Dialect, Credentials, BackendLocation } from './transport/dialect.js';
export type { RetryOptions, RetryEvent, SendOptions } from './transport/send.js';

// ── The protocol's documents ─────────────────────────────────────────────────────────────────────────
export { Instruction, WireOrder, Experiment, JobPayload, EXPERIMENT_NAME_PATTERN, experiment, experimentName } from './protocol/payload.js';
export { StatusMessage, isTerminalState, isUnknownJobStatus } from './protocol/status.js';
export type { JobState, JobStatus } from './protocol/status.js';
export { ExperimentResult, JobResult, decodeMemory, memoryStatistics } from './protocol/result.js';
export type { MemoryStatistics } from './protocol/result.js';

// ── Jobs as observables ──────────────────────────────────────────────────────────────────────────────
export { withJobs } from './jobs/with-jobs.js';
export type { Backend, JobsBackend, JobsOptions, SubmitJobOptions } from './jobs/with-jobs.js';
export type { JobHandle, JobEvent, WaitOptions } from './jobs/job-handle-types.js';
export { createJobHandle, JobStalledError } from './jobs/job-handle.js';
export type { JobHandleOptions } from './jobs/job-handle.js';
export { PollScheduler } from './jobs/poll-scheduler.js';
export type { PollSchedulerOptions, RequestListener, SchedulerNotice, StatusFollower } from './jobs/poll-scheduler.js';
export { JobThrottle } from './jobs/job-throttle.js';
export type { QueueTicket } from './jobs/job-throttle.js';
export { JobMetadata, JobMetadataError, ScanPoint, ScanRecord, MAX_NOTES_CHARS, parseJobMetadata } from './jobs/job-metadata.js';
/** @deprecated Retries reach their job without it; kept for 0.1 code. */
export { routeRetryToJobs } from './jobs/retry-context.js';

// ── Runs: a payload of any size as jobs, results in order ────────────────────────────────────────────
export { startRun } from './jobs/run.js';
export type { Run, RunOptions, ExperimentOutcome } from './jobs/run.js';
export type { RunProgress } from './jobs/run-progress.js';
export { splitPayload } from './jobs/split-payload.js';
export type { PayloadChunk } from './jobs/split-payload.js';
export { ConfigDriftError, configDrift, configHash } from './jobs/config-drift.js';
export type { ConfigChange } from './jobs/config-drift.js';

// ── The journal: nothing accepted is ever forgotten ──────────────────────────────────────────────────
export { JournalEntry, JournalState, isFinishedEntry, resumeJobs } from './jobs/journal.js';
export type { JobJournal, JournalEntryInput, JournalStatePatch, PendingRun, Retriever, RetrieveOptions } from './jobs/journal.js';
export { StoredJobJournal, JournalReadError } from './jobs/stored-job-journal.js';
export type { JournalFolder, JournalStorage, SetAsideNotice } from './jobs/stored-job-journal.js';
export { IndexedDbJobJournal } from './jobs/indexed-db-job-journal.js';
export type { IndexedDbJobJournalOptions } from './jobs/indexed-db-job-journal.js';
export { sha256Json } from './jobs/payload-hash.js';

// ── Errors: one hierarchy, keyed by what callers branch on ───────────────────────────────────────────
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
