import { BackendConfiguration, BackendList, BackendStatus } from '@coldatom/backend-config';
import type { BackendTransport, JobResultAnswer, RequestOptions, SubmitAnswer } from '../backend.js';
import { NotFoundError, ProtocolError, type RequestContext } from '../errors.js';
import type { HttpResponse } from '../internal/http.js';
import { redactUrl } from '../internal/redact.js';
import { classifyBody } from '../protocol/error-body.js';
import type { JobPayload } from '../protocol/payload.js';
import { StatusMessage, toJobStatus, type JobStatus } from '../protocol/status.js';
import { buildRequest, contextOf, parseBackendUrl, type BackendLocation, type BuiltRequest, type Credentials, type Dialect, type Endpoint } from './dialect.js';
import { httpError, parseBody } from './http-errors.js';
import { send, withSubmissionWarning, type SendOptions } from './send.js';

/** Options of {@link RemoteBackend}. */
export interface RemoteBackendOptions extends SendOptions {
  /** API token (v2, v3). @default process.env.COLDATOM_TOKEN */
  readonly token?: string | undefined;
  /** Username (v1, legacy G1). */
  readonly username?: string;
  /** Password (v1, legacy G1). */
  readonly password?: string;
  /** Protocol dialect. @default detected from the URL: /api/v3/ → v3, /api/v2/ → v2, /api/v1/ → v1, /api/<name> → g1 */
  readonly dialect?: Dialect;
  /** How long a fetched config is reused. @default 60000 @unit milliseconds */
  readonly configTtlMs?: number;
}

/**
 * A qlued/sqooler backend over HTTP, in any dialect. Job ids are opaque strings; secrets never
 * appear in errors.
 *
 * @example
 * const backend = new RemoteBackend('https://qlued.alqor.io/api/v3/singlequdit', { token });
 * const { jobId } = await backend.submit(payload);
 */
export class RemoteBackend implements BackendTransport {
  readonly name: string;
  readonly target: string;
  readonly dialect: Dialect;
  readonly #location: BackendLocation;
  readonly #credentials: Credentials;
  readonly #options: RemoteBackendOptions;
  #config: { readonly value: BackendConfiguration; readonly atMs: number } | undefined;

  constructor(baseUrl: string, options: RemoteBackendOptions = {}) {
    this.#location = parseBackendUrl(baseUrl, options.dialect);
    this.dialect = this.#location.dialect;
    this.name = this.#location.backend;
    this.target = `${this.#location.apiRoot}/${this.#location.backend}`;
    this.#credentials = { token: options.token ?? process.env.COLDATOM_TOKEN, username: options.username, password: options.password };
    this.#options = { ...options, secrets: [...(options.secrets ?? []), this.#credentials.token, this.#credentials.password] };
  }

  /** Sends one request of `endpoint`; the context names it in errors. Not async: a poll passes through no promise of its own here. */
  #exchange(
    endpoint: Endpoint,
    options: RequestOptions | undefined,
    input?: { jobId?: string; payload?: JobPayload },
  ): { readonly response: Promise<HttpResponse>; readonly context: RequestContext } {
    const request = buildRequest(this.#location, endpoint, this.#credentials, input);
    const response = send(request, this.#options, { signal: options?.signal, timeoutMs: options?.timeoutMs, onRetry: options?.onRetry });
    return { response, context: contextOf(request) };
  }

  #json(response: HttpResponse, context: RequestContext): unknown {
    const body = parseBody(response.text);
    if (!body.json)
      throw new ProtocolError(`Backend answered HTTP ${response.status} with a body that is not JSON for ${context.method} ${context.url}`, {
        request: context,
        body: body.value,
      });
    return body.value;
  }

  /** `get_config`, parsed; reused for `configTtlMs`. */
  async config(options?: RequestOptions): Promise<BackendConfiguration> {
    const ttl = this.#options.configTtlMs ?? 60_000;
    if (this.#config && Date.now() - this.#config.atMs < ttl) return this.#config.value;
    const { response: answer, context } = this.#exchange('get_config', options);
    const response = await answer;
    if (response.status >= 300) throw httpError(response, context, this.#options.secrets);
    const parsed = BackendConfiguration.safeParse(this.#json(response, context));
    if (!parsed.success)
      throw new ProtocolError(`get_config of ${this.name} is not a backend configuration: ${parsed.error.issues[0]?.message ?? ''}`, {
        request: context,
        body: this.#json(response, context),
      });
    this.#config = { value: parsed.data, atMs: Date.now() };
    return parsed.data;
  }

  /** `get_backend_status`; `undefined` when the server predates it (HTTP 404). */
  async status(options?: RequestOptions): Promise<BackendStatus | undefined> {
    const { response: answer, context } = this.#exchange('get_backend_status', options);
    const response = await answer;
    if (response.status === 404) return undefined;
    if (response.status >= 300) throw httpError(response, context, this.#options.secrets);
    const parsed = BackendStatus.safeParse(this.#json(response, context));
    if (!parsed.success)
      throw new ProtocolError(`get_backend_status of ${this.name} is not a backend status`, { request: context, body: this.#json(response, context) });
    return parsed.data;
  }

  /** `post_job`: the server's id and its first status (INITIALIZING; nothing is validated on submission). */
  async submit(payload: JobPayload, options?: RequestOptions): Promise<SubmitAnswer> {
    const { response: answer, context } = this.#exchange('post_job', options, { payload });
    const response = await answer;
    if (response.status >= 300) throw withSubmissionWarning(httpError(response, context, this.#options.secrets));
    const parsed = StatusMessage.safeParse(this.#json(response, context));
    if (!parsed.success)
      throw withSubmissionWarning(
        new ProtocolError(`post_job of ${this.name} answered without a job id`, { request: context, body: this.#json(response, context) }),
      );
    const jobId = String(parsed.data.job_id);
    return { jobId, status: toJobStatus(parsed.data, jobId) };
  }

  /** Reads a status-shaped answer; old servers send ERROR with HTTP 200, new ones with 406. */
  #statusAnswer(response: HttpResponse, _context: RequestContext, jobId: string): JobStatus | undefined {
    if (response.status !== 200 && response.status !== 406) return undefined;
    const body = parseBody(response.text);
    const kind = classifyBody(body.value);
    return kind.kind === 'status' ? toJobStatus(kind.status, jobId) : undefined;
  }

  /** `get_job_status`, keyed on the id asked about (never on the body's `job_id`). */
  async jobStatus(jobId: string, options?: RequestOptions): Promise<JobStatus> {
    const { response: answer, context } = this.#exchange('get_job_status', options, { jobId });
    const response = await answer;
    const status = this.#statusAnswer(response, context, jobId);
    if (status) return status;
    if (response.status >= 300) throw httpError(response, context, this.#options.secrets);
    throw new ProtocolError(`get_job_status of job ${jobId} answered a body that is not a status`, { request: context, body: parseBody(response.text).value });
  }

  /** `get_job_result`: the result when DONE, else the status the server sent instead. */
  async jobResult(jobId: string, options?: RequestOptions): Promise<JobResultAnswer> {
    const { response: answer, context } = this.#exchange('get_job_result', options, { jobId });
    const response = await answer;
    if (response.status === 200) {
      const kind = classifyBody(this.#json(response, context));
      if (kind.kind === 'result') return { ready: true, result: kind.result };
    }
    const status = this.#statusAnswer(response, context, jobId);
    if (status) return { ready: false, status };
    if (response.status >= 300) throw httpError(response, context, this.#options.secrets);
    throw new ProtocolError(`get_job_result of job ${jobId} answered neither a result nor a status`, {
      request: context,
      body: parseBody(response.text).value,
    });
  }
}

/**
 * `GET {apiRoot}/backends`: every backend a host serves (entries have `url: null` on current
 * servers). `hostUrl` is an API root such as `https://qlued.alqor.io/api/v2`.
 */
export async function listBackends(hostUrl: string, options: SendOptions & RequestOptions = {}): Promise<BackendList> {
  const url = `${hostUrl.replace(/\/+$/, '')}/backends`;
  const request: BuiltRequest = { method: 'GET', url, headers: {}, redactedUrl: redactUrl(url) };
  const context = contextOf(request);
  const response = await send(request, options, { signal: options.signal, timeoutMs: options.timeoutMs });
  if (response.status === 404)
    throw new NotFoundError(`No backend list at ${context.url} (HTTP 404)`, { status: 404, body: parseBody(response.text).value, request: context });
  if (response.status >= 300) throw httpError(response, context, options.secrets);
  const parsed = BackendList.safeParse(parseBody(response.text).value);
  if (!parsed.success)
    throw new ProtocolError(`${context.url} did not answer a list of backend configurations`, { request: context, body: parseBody(response.text).value });
  return parsed.data;
}
