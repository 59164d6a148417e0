/**
 * `@coldatom/core/internal`: pieces our own packages and tests use that are not part of the public
 * API. Not covered by semver: they change with any release.
 */
export { NinjaValidationBody, NinjaDetailBody, classifyBody } from './protocol/error-body.js';
export type { BodyKind } from './protocol/error-body.js';
export { buildRequest, readBackendUrl } from './transport/dialect.js';
export type { BackendUrl, Endpoint, BuiltRequest } from './transport/dialect.js';
export { experimentIndex, ownedExperiment } from './protocol/payload.js';
export { normalizeState, noneToNull, toJobStatus } from './protocol/status.js';
export { PendingSubmission } from './jobs/journal.js';
export { canonicalJson } from './jobs/payload-hash.js';
export { endStateOf, jobEndError } from './jobs/job-end.js';
export { runProgress } from './jobs/run-progress.js';
export { START_GROUP_MS } from './jobs/poll-scheduler.js';
export type { RunProgressInput } from './jobs/run-progress.js';
