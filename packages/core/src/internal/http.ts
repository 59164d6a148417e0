/**
 * The only module that sends HTTP: one `fetch` per exchange. Retries, deadlines (headers and body),
 * redaction and error mapping are ours (transport/send.ts, http-errors.ts), so a request library
 * would only add plumbing: ky cost ~0.1 s at import and a fifth of each poll's CPU for options
 * merging and hooks we did not use. The fetch is read at call time, never captured early (nock and
 * test doubles patch `globalThis.fetch`).
 */

/** One HTTP exchange's input. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
  /** Injected fetch; when absent, `globalThis.fetch` is read at call time (never captured early). */
  readonly fetch?: typeof fetch;
}

/** The status, headers and full body text of a response. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Sends one request and reads the whole body under the same signal. Network failures throw as fetch throws them. */
export async function httpExchange(request: HttpRequest): Promise<HttpResponse> {
  const send = request.fetch ?? globalThis.fetch;
  const response = await send(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    signal: request.signal,
    redirect: 'follow',
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
