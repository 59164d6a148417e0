import { ColdAtomError } from '@coldatom/core';
import type { IncomingMessage } from 'node:http';
import { referenceBackend, type ReferenceBackendName } from '@coldatom/backend-config';
import { backendStatusDocument, servedConfig } from '../runner/backend-documents.js';
import { unknownJobStatus } from '../runner/job-documents.js';
import type { JobRunner } from '../runner/job-runner.js';
import { QueueFullError, SimulatorClosedError } from '../runner/runner-errors.js';
import { resolveBackendName } from './backend-names.js';
import {
  HttpAnswer,
  INVALID_CREDENTIALS,
  NOT_FOUND_PAGE,
  UNAUTHORIZED,
  UNPARSABLE_BODY,
  methodNotAllowed,
  missingField,
  ninjaValidation,
  statusError,
  type NinjaProblem,
} from './http-answer.js';
import { readBody } from './request-body.js';
import type { ResultStore, StoredBody } from './result-store.js';
import type { TokenCheck } from './token-check.js';

/** What the routes need from the server. */
export interface QluedApiContext {
  readonly runner: JobRunner;
  readonly backends: readonly ReferenceBackendName[];
  /** Accepted tokens; undefined: authentication is off. */
  readonly tokens: TokenCheck | undefined;
  /** Where DONE results are served from. */
  readonly results: ResultStore;
  readonly maxBodyBytes: number;
  /** Largest sum of shots over a job's experiments; larger jobs get a 413. */
  readonly maxShotsPerJob: number;
  readonly retryAfterSeconds: number;
  /** The base URL clients reach the server at (for the configs' `url`). */
  readonly baseUrl: () => string;
}

type Version = 'v2' | 'v3';
type Endpoint = 'get_config' | 'get_backend_status' | 'post_job' | 'get_job_status' | 'get_job_result';

const ENDPOINTS: ReadonlySet<string> = new Set<Endpoint>(['get_config', 'get_backend_status', 'post_job', 'get_job_status', 'get_job_result']);
const ROUTE = /^\/api\/(v2|v3)\/(?:([^/]+)\/)?([^/]+)$/;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const ok = (body: unknown): HttpAnswer => new HttpAnswer(200, body);

/**
 * django-ninja's HttpBearer: the scheme word matched case-insensitively, the token is the rest.
 * Returns the token, or undefined when the header is missing or not a Bearer one.
 */
function bearerToken(header: string | undefined): string | undefined {
  const [scheme, ...rest] = (header ?? '').split(' ');
  const token = rest.join(' ');
  return scheme?.toLowerCase() === 'bearer' && token !== '' ? token : undefined;
}

/**
 * The v3 Bearer token (undefined on v2, or with authentication off and no header), or ninja's 401
 * when authentication is on and the header is missing: ninja authenticates before anything else.
 */
function v3Bearer(req: IncomingMessage, context: QluedApiContext, version: Version): string | undefined | HttpAnswer {
  if (version !== 'v3') return undefined;
  const bearer = bearerToken(req.headers.authorization);
  return bearer === undefined && context.tokens ? UNAUTHORIZED : bearer;
}

function checkToken(context: QluedApiContext, token: string): HttpAnswer | undefined {
  return context.tokens && !context.tokens.accepts(token) ? INVALID_CREDENTIALS : undefined;
}

/** The last value of a query parameter, as Django's QueryDict reads it. */
const queryValue = (query: URLSearchParams, key: string): string | undefined => query.getAll(key).at(-1);

async function parseJsonBody(req: IncomingMessage, context: QluedApiContext): Promise<Record<string, unknown> | HttpAnswer> {
  const text = await readBody(req, context.maxBodyBytes);
  if (text instanceof HttpAnswer) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return UNPARSABLE_BODY;
  }
  if (!isObject(body))
    return ninjaValidation([
      { type: 'model_attributes_type', loc: ['body', 'data'], msg: 'Input should be a valid dictionary or object to extract fields from' },
    ]);
  return body;
}

/** Shots asked for in all (the sum over experiments with a positive number of shots), and the experiments counted. */
function shotsAskedFor(payload: unknown): { readonly shots: number; readonly experiments: number } {
  let shots = 0;
  let experiments = 0;
  if (!isObject(payload)) return { shots, experiments };
  for (const experiment of Object.values(payload)) {
    experiments++;
    // Anything else is for validation to report, in the reference's words.
    if (isObject(experiment) && typeof experiment.shots === 'number' && experiment.shots > 0) shots += experiment.shots;
  }
  return { shots, experiments };
}

function submit(context: QluedApiContext, backend: ReferenceBackendName, payload: unknown): HttpAnswer {
  const retry = { 'retry-after': String(context.retryAfterSeconds) };
  // Beyond the reference: a job's result grows with its shots, so their sum is capped before any work.
  const { shots, experiments } = shotsAskedFor(payload);
  if (shots > context.maxShotsPerJob) {
    return statusError(
      413,
      `The job asks for ${shots} shots in all (${experiments} experiments); this server's limit is ${context.maxShotsPerJob} shots per job (shots × experiments, maxShotsPerJob). Split it into smaller jobs.`,
      'Job too large!',
    );
  }
  try {
    return ok(context.runner.submit(backend, payload));
  } catch (error) {
    // Beyond the reference (which queues without bound): shed load with a status-shaped 503.
    if (error instanceof QueueFullError) return statusError(503, `${error.message}.`, 'Queue full!', retry);
    if (error instanceof SimulatorClosedError) return statusError(503, `${error.message}.`, 'Shutting down!', retry);
    throw error;
  }
}

async function postJob(req: IncomingMessage, context: QluedApiContext, version: Version, name: string): Promise<HttpAnswer> {
  // v3 authenticates before the body is parsed; v2 carries its token inside the body.
  const bearer = v3Bearer(req, context, version);
  if (bearer instanceof HttpAnswer) return bearer;
  const body = await parseJsonBody(req, context);
  if (body instanceof HttpAnswer) return body;
  if (version === 'v2') {
    const problems = (['job', 'token'] as const).flatMap((key): NinjaProblem[] =>
      body[key] === undefined
        ? [missingField('body', 'data', key)]
        : typeof body[key] === 'string'
          ? []
          : [{ type: 'string_type', loc: ['body', 'data', key], msg: 'Input should be a valid string' }],
    );
    if (problems.length > 0) return ninjaValidation(problems);
    const denied = checkToken(context, body.token as string);
    if (denied) return denied;
    const backend = resolveBackendName(name, context.backends, 'job');
    if (backend instanceof HttpAnswer) return backend;
    let payload: unknown;
    try {
      payload = JSON.parse(body.job as string);
    } catch {
      return statusError(406, 'The encoding of your json seems not work out!');
    }
    return submit(context, backend, payload);
  }
  if (body.payload === undefined) return ninjaValidation([missingField('body', 'data', 'payload')]);
  if (!isObject(body.payload)) return ninjaValidation([{ type: 'dict_type', loc: ['body', 'data', 'payload'], msg: 'Input should be a valid dictionary' }]);
  const denied = bearer === undefined ? undefined : checkToken(context, bearer);
  if (denied) return denied;
  const backend = resolveBackendName(name, context.backends, 'job');
  if (backend instanceof HttpAnswer) return backend;
  return submit(context, backend, body.payload);
}

async function jobQuery(
  req: IncomingMessage,
  context: QluedApiContext,
  version: Version,
  endpoint: 'get_job_status' | 'get_job_result',
  name: string,
  query: URLSearchParams,
): Promise<HttpAnswer> {
  const bearer = v3Bearer(req, context, version);
  if (bearer instanceof HttpAnswer) return bearer;
  const jobId = queryValue(query, 'job_id');
  const token = version === 'v2' ? queryValue(query, 'token') : bearer;
  const missing = [...(jobId === undefined ? ['job_id'] : []), ...(version === 'v2' && token === undefined ? ['token'] : [])];
  if (jobId === undefined || missing.length > 0) return ninjaValidation(missing.map((key) => missingField('query', key)));
  const denied = token === undefined ? undefined : checkToken(context, token);
  if (denied) return denied;
  const backend = resolveBackendName(name, context.backends, 'job');
  if (backend instanceof HttpAnswer) return backend;
  const status = context.runner.status(backend, jobId) ?? unknownJobStatus(jobId);
  // django-qlued since 2024-02-10: a job in ERROR (or an unknown id) is a 406 with the status body.
  if (status.status === 'ERROR') return new HttpAnswer(406, status);
  if (endpoint !== 'get_job_result' || status.status !== 'DONE') return ok(status);
  const result: StoredBody | undefined = await context.results.open(jobId);
  if (result) return ok(result);
  // Evicted or expired between the status and the read: the job was forgotten with its result.
  if (context.runner.status(backend, jobId) === undefined) return new HttpAnswer(406, unknownJobStatus(jobId));
  throw new ColdAtomError(`The stored result of job ${jobId} could not be read`);
}

/** Answers one request on the v2/v3 routes of django-qlued (protocol.md §1.5–1.8). */
export async function answerQluedRequest(req: IncomingMessage, context: QluedApiContext): Promise<HttpAnswer> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = ROUTE.exec(url.pathname);
  if (!route) return NOT_FOUND_PAGE;
  const [, version, rawName, endpoint] = route as unknown as [string, Version, string | undefined, string];
  if (rawName === undefined) {
    if (endpoint !== 'backends') return NOT_FOUND_PAGE;
    if (req.method !== 'GET') return methodNotAllowed('GET');
    return ok(context.backends.map((backend) => servedConfig(backend, null)));
  }
  if (!ENDPOINTS.has(endpoint)) return NOT_FOUND_PAGE;
  const method = endpoint === 'post_job' ? 'POST' : 'GET';
  if (req.method !== method) return methodNotAllowed(method);
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    return NOT_FOUND_PAGE;
  }
  switch (endpoint as Endpoint) {
    case 'get_config': {
      const backend = resolveBackendName(name, context.backends, 'config');
      if (backend instanceof HttpAnswer) return backend;
      // The url always names the v2 route, also under v3 (a django-qlued quirk clients rely on).
      return ok(servedConfig(backend, `${context.baseUrl()}/api/v2/${referenceBackend(backend).config.backend_name}/`));
    }
    case 'get_backend_status': {
      const backend = resolveBackendName(name, context.backends, 'config');
      if (backend instanceof HttpAnswer) return backend;
      return ok(backendStatusDocument(backend, context.runner.pending(backend)));
    }
    case 'post_job':
      return postJob(req, context, version, name);
    case 'get_job_status':
    case 'get_job_result':
      return jobQuery(req, context, version, endpoint as 'get_job_status' | 'get_job_result', name, url.searchParams);
  }
}
