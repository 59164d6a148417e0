/**
 * Opt-in CORS for the simulator server, so a web page on another origin (the examples/web page,
 * a lab's dashboard) can call it with `fetch`. Off unless origins are given: the reference
 * django-qlued sends no CORS headers, and a server on loopback should not be callable from any
 * page the user happens to visit.
 *
 * Tokens travel in the `Authorization` header (v3) or the body (v2 `post_job`), which need no
 * credentials mode, so `Access-Control-Allow-Credentials` is never sent: cookies mean nothing here,
 * and that is also what makes `*` safe to allow.
 */
import { ColdAtomError } from '@coldatom/core';
import type { IncomingMessage } from 'node:http';
import { HttpAnswer } from './http-answer.js';

/** A `corsOrigin` that is not an exact origin (`https://host[:port]`) or a lone `*`. */
export class CorsOriginError extends ColdAtomError {
  override readonly name = 'CorsOriginError' as const;
}

/** Methods and request headers the qlued routes use; nothing else is allowed cross-origin. */
const ALLOWED_METHODS = ['GET', 'POST'] as const;
const ALLOWED_HEADERS = 'Authorization, Content-Type';

/** Response headers a page may read: Retry-After tells it when to submit again after a 503. */
const EXPOSED_HEADERS = 'Retry-After';

/**
 * The origins, checked: each must be exactly what a browser sends in `Origin` (scheme, host and
 * port only, no path or trailing slash), or `*` alone.
 * @throws {CorsOriginError} naming the first bad origin
 */
function checkedCorsOrigins(origins: string | readonly string[]): readonly string[] {
  const list = typeof origins === 'string' ? [origins] : [...origins];
  if (list.length === 0)
    throw new CorsOriginError('corsOrigin is an empty list; give at least one origin such as http://localhost:5173, or leave it out to keep CORS off');
  if (list.includes('*')) {
    if (list.length > 1) throw new CorsOriginError('corsOrigin "*" allows every origin and cannot be combined with other origins');
    return list;
  }
  for (const origin of list) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new CorsOriginError(
        `corsOrigin "${origin}" is not an origin: write it as the browser sends it, scheme, host and port only (e.g. http://localhost:5173, no path or trailing slash)`,
      );
    }
  }
  return list;
}

/** Whether a request is a CORS preflight: a refused one gets no CORS headers at all. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/** Options of {@link CorsPolicy}. */
export interface CorsPolicyOptions {
  /** How long a browser may cache a preflight answer. @default 600 @unit seconds */
  readonly maxAgeSeconds?: number;
}

/** Which cross-origin requests are answered with CORS headers, and the preflight answer. */
export class CorsPolicy {
  readonly #origins: ReadonlySet<string>;
  readonly #any: boolean;
  readonly #maxAgeSeconds: number;

  /** @throws {CorsOriginError} when an origin is malformed (see {@link checkedCorsOrigins}) */
  constructor(origins: string | readonly string[], options: CorsPolicyOptions = {}) {
    const checked = checkedCorsOrigins(origins);
    this.#any = checked.includes('*');
    this.#origins = new Set(checked);
    this.#maxAgeSeconds = options.maxAgeSeconds ?? 600;
  }

  /**
   * Headers for an answer to a request from `origin` (the `Origin` header): empty for same-origin
   * requests and origins not allowed, whose answers then stay unreadable to the calling page.
   */
  headersFor(origin: string | undefined): Readonly<Record<string, string>> {
    if (this.#any) return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS };
    // The answer depends on Origin, so caches must key on it, even when it is refused.
    if (origin === undefined || !this.#origins.has(origin)) return origin === undefined ? {} : { vary: 'Origin' };
    return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS, vary: 'Origin' };
  }

  /**
   * The answer to a CORS preflight (OPTIONS with `Access-Control-Request-Method`) from an allowed
   * origin for GET or POST: 204 with the allowed methods and headers. Undefined for anything else,
   * which the routes then answer as before (405 or 404, without CORS headers, so the browser refuses).
   */
  preflight(req: IncomingMessage): HttpAnswer | undefined {
    const requested = req.headers['access-control-request-method'];
    if (!isPreflight(req) || typeof requested !== 'string') return undefined;
    const origin = req.headers.origin;
    const allowOrigin = this.headersFor(origin)['access-control-allow-origin'];
    if (allowOrigin === undefined || !(ALLOWED_METHODS as readonly string[]).includes(requested.toUpperCase())) return undefined;
    return new HttpAnswer(204, undefined, {
      'access-control-allow-origin': allowOrigin,
      'access-control-allow-methods': ALLOWED_METHODS.join(', '),
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': String(this.#maxAgeSeconds),
      ...(this.#any ? {} : { vary: 'Origin' }),
    });
  }
}
