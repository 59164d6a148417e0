import { AbortError, BackendHttpError, type ColdAtomError, NetworkError, RateLimitError, ServerError, TimeoutError, type RequestContext } from '../errors.js';
import { httpExchange, type HttpResponse } from '../internal/http.js';
import { redactSecrets } from '../internal/redact.js';
import { httpError } from './http-errors.js';
import { contextOf, type BuiltRequest } from './dialect.js';

/** Retry policy for idempotent requests (and for POSTs that provably never left). */
export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  readonly limit?: number;
  /** First backoff step; doubles per retry, with full jitter. @default 250 @unit milliseconds */
  readonly baseDelayMs?: number;
  /** Largest backoff step (a server's `Retry-After` may ask for more, and is honoured). @default 10000 @unit milliseconds */
  readonly maxDelayMs?: number;
}

/** What a retry hook is told. */
export interface RetryEvent {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: ColdAtomError;
  readonly method: string;
  readonly url: string;
}

/** Options shared by every request of a backend. */
export interface SendOptions {
  readonly retry?: RetryOptions;
  /** Total deadline of one attempt, headers and body. @default 30000 @unit milliseconds */
  readonly timeoutMs?: number;
  /** Called before each retry's wait (the jobs layer turns these into `retry` events). */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Fetch to use instead of the platform's transport (`node:http` in Node, `globalThis.fetch` in browsers). */
  readonly fetch?: typeof fetch;
  /** Waits between retries; injectable so tests need not wait. @default a timer that the signal cancels */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Secrets to scrub from any text an error could carry. */
  readonly secrets?: readonly (string | undefined)[];
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
// Errors that prove the request never reached a server: safe to repeat even for post_job.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    // The listener goes when the wait ends: a caller's signal may outlive many retries.
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Turns a thrown transport/abort failure into the toolkit's error, naming the request. */
function transportError(error: unknown, context: RequestContext, callerSignal: AbortSignal | undefined): ColdAtomError {
  // The context's URL is redacted already (see RequestContext).
  const where = `${context.method} ${context.url}`;
  if (callerSignal?.aborted) return new AbortError(`Request aborted by the caller: ${where}`, { cause: error, request: context });
  if (error instanceof TimeoutError) return error;
  const code = errorCode(error);
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  return new NetworkError(`Network failure${code ? ` (${code})` : ''} for ${where}`, { cause: error, request: context, notSent });
}

/**
 * An answer by which the server refused the request before acting on it: 429, or 503 with
 * `Retry-After` (load shedding that says when to come back). Repeating even a `post_job` then
 * cannot run the job twice.
 */
function refused(error: ColdAtomError): boolean {
  return error instanceof RateLimitError || (error instanceof ServerError && error.status === 503 && error.retryAfterMs !== undefined);
}

/**
 * A failed `post_job` that may still have reached the server (timeout, abort, a connection lost
 * after sending, a 5xx) says so: repeating it blindly could run the experiment twice.
 */
export function withSubmissionWarning<E extends ColdAtomError>(error: E): E {
  const uncertain =
    error instanceof TimeoutError ||
    error instanceof AbortError ||
    (error instanceof NetworkError && !error.notSent) ||
    (error instanceof BackendHttpError && error.status >= 500 && !refused(error));
  if (uncertain) {
    error.message +=
      '. The job may exist on the server even so: the protocol cannot look a job up by payload, so check the backend (or your journal) for a new job before submitting again';
  }
  return error;
}

/** True when repeating the request is safe and may help. */
function retryable(error: ColdAtomError, method: string): boolean {
  if ((error instanceof NetworkError && error.notSent) || refused(error)) return true;
  if (method !== 'GET') return false;
  if (error instanceof NetworkError || error instanceof RateLimitError) return true;
  return error instanceof BackendHttpError && RETRYABLE_STATUS.has(error.status);
}

/**
 * Sends a request with a total deadline per attempt and the retry policy; answers any HTTP status
 * it gets (the caller decides which statuses are errors) unless retries for a retryable status run
 * out, in which case the typed HTTP error is thrown.
 */
export async function send(
  request: BuiltRequest,
  options: SendOptions,
  perCall: {
    readonly signal?: AbortSignal | undefined;
    readonly timeoutMs?: number | undefined;
    readonly onRetry?: ((event: RetryEvent) => void) | undefined;
  } = {},
): Promise<HttpResponse> {
  const limit = options.retry?.limit ?? 3;
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 10_000;
  const timeoutMs = perCall.timeoutMs ?? options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const context = contextOf(request);

  for (let attempt = 0; ; attempt++) {
    let error: ColdAtomError;
    try {
      // One literal shape for every request (a spread of the request made a shape per variant).
      const response = await httpExchange({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
        signal: perCall.signal,
        timeoutMs,
        context,
        fetch: options.fetch,
      });
      const isRetryableStatus = response.status === 429 || RETRYABLE_STATUS.has(response.status);
      if (!isRetryableStatus) return response;
      error = httpError(response, context, options.secrets);
    } catch (thrown) {
      error = transportError(thrown, context, perCall.signal);
    }
    if (options.secrets?.length) error.message = redactSecrets(error.message, options.secrets);
    if (attempt >= limit || !retryable(error, request.method) || perCall.signal?.aborted) {
      throw request.method === 'POST' ? withSubmissionWarning(error) : error;
    }
    const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    const jittered = Math.round(Math.random() * exponential);
    const serverAsked = error instanceof BackendHttpError ? error.retryAfterMs : undefined;
    const delayMs = Math.max(jittered, serverAsked ?? 0);
    const event: RetryEvent = { attempt: attempt + 1, delayMs, error, method: request.method, url: context.url };
    options.onRetry?.(event);
    perCall.onRetry?.(event);
    await sleep(delayMs, perCall.signal);
  }
}
