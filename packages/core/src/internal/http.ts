/**
 * The only module that imports ky. ky's own retry and timeout are switched off: its retry cannot
 * tell "the request never left" from "the server may have it" (which decides whether a POST may be
 * repeated), and its timeout covers only the headers (toolchain.md trap 3). Both live in
 * transport/send.ts instead; ky gives us the request plumbing.
 */
import ky from 'ky';

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
  const response = await ky(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    signal: request.signal,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    fetch: (input, init) => (request.fetch ?? globalThis.fetch)(input, init),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
