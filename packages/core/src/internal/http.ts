/**
 * The only module that sends HTTP. Retries, backoff, redaction and error mapping are ours
 * (transport/send.ts, http-errors.ts), so a request library would only add plumbing: ky cost
 * ~0.1 s at import and a fifth of each poll's CPU for options merging and hooks we did not use.
 *
 * One exchange is one request and its whole body under one deadline and the caller's signal. In
 * Node it goes through `node:http` (the `#http` import condition picks `platform/http.node.ts`):
 * undici's `fetch` costs ~0.45 ms of CPU per request on Node 20 (a Request, WHATWG streams and
 * three AbortSignals each), `http.request` ~0.15 ms, and a client tracking 1000 jobs spends that
 * on every poll. Browsers (and any `fetch` a caller injects) use {@link fetchExchange}; an injected
 * fetch is read at call time, never captured early.
 */
import { fetchExchange, type HttpRequest, type HttpResponse } from './exchange.js';
import { platformExchange } from '#http';

export type { HttpHeaders, HttpRequest, HttpResponse } from './exchange.js';

/** Sends one request and reads the whole body. Network failures throw as the platform throws them; the deadline as a `TimeoutError`. */
export function httpExchange(request: HttpRequest): Promise<HttpResponse> {
  return request.fetch ? fetchExchange(request, request.fetch) : platformExchange(request);
}
