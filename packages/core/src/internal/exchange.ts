/** The exchange's types and the `fetch` transport, shared by both platforms (see http.ts). */
import { TimeoutError, type RequestContext } from '../errors.js';

/** One HTTP exchange's input. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  /** The caller's signal: aborting it rejects with its reason. */
  readonly signal?: AbortSignal | undefined;
  /** Deadline for the status, headers and whole body. @unit milliseconds */
  readonly timeoutMs: number;
  /** Names the request in a timeout error (secrets already redacted). */
  readonly context: RequestContext;
  /** Injected fetch, used instead of the platform's transport. */
  readonly fetch?: typeof fetch | undefined;
}

/** The response headers an exchange exposes (names are case-insensitive). */
export interface HttpHeaders {
  get(name: string): string | null;
}

/** The status, headers and full body text of a response. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: HttpHeaders;
  readonly text: string;
}

/** The deadline of `request` passed: a {@link TimeoutError} naming it. */
export function deadlineError(request: HttpRequest, cause?: unknown): TimeoutError {
  return new TimeoutError(`No complete answer within ${request.timeoutMs} ms for ${request.context.method} ${request.context.url}`, {
    cause,
    request: request.context,
    timeoutMs: request.timeoutMs,
  });
}

/** Sends one request through `fetchFn` and reads the whole body, with one controller for the deadline and the caller's signal. */
export async function fetchExchange(request: HttpRequest, fetchFn: typeof fetch): Promise<HttpResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const { signal } = request;
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const init: RequestInit = { method: request.method, headers: request.headers, signal: controller.signal, redirect: 'follow' };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetchFn(request.url, init);
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    throw timedOut ? deadlineError(request, error) : error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
