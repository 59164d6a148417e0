/**
 * Node's transport: `node:http`/`node:https` with the global agents (keep-alive on Node ≥ 19; idle
 * sockets are unref'd, so they never hold a process open, and are dropped before the server's
 * `Keep-Alive: timeout` runs out). Redirects are followed as `fetch` follows them. The modules are
 * fetched on the first request (`process.getBuiltinModule`, Node ≥ 20.16): http, https, net and
 * tls cost `import('@coldatom/core')` tens of milliseconds otherwise.
 */
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';
import { deadlineError, type HttpHeaders, type HttpRequest, type HttpResponse } from '../exchange.js';

const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

let requests: { readonly http: typeof import('node:http').request; readonly https: typeof import('node:https').request } | undefined;

/** `http.request` and `https.request`, fetched once (each `getBuiltinModule` call costs a few µs). */
function requestFunctions(): NonNullable<typeof requests> {
  requests ??= { http: process.getBuiltinModule('node:http').request, https: process.getBuiltinModule('node:https').request };
  return requests;
}

/** A scheme and host (with port) that URL serializing leaves as they are. */
const PLAIN_ORIGIN = /^https?:\/\/[a-z0-9.\-:[\]]+$/;
/** A path and query of characters URL serializing leaves as they are (no fragment, backslash, quote, space or non-ASCII). */
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*$/;

/** Where an origin is, as `http.request` wants it. */
interface Origin {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string | undefined;
}
/** Each origin a client talks to, read once: a client polls the same one or two. */
const origins = new Map<string, Origin>();

function whereOf(parsed: URL): Origin {
  // Hostnames of IPv6 literals come bracketed from URL; http.request wants them bare.
  return { protocol: parsed.protocol, hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: parsed.port || undefined };
}

function originOf(origin: string): Origin | undefined {
  let where = origins.get(origin);
  if (where === undefined && PLAIN_ORIGIN.test(origin)) {
    where = whereOf(new URL(origin));
    if (origins.size > 64) origins.clear();
    origins.set(origin, where);
  }
  return where;
}

/**
 * `http.request`'s options for one hop. Parsing each URL again (WHATWG URL, then Node's conversion)
 * cost ~10 µs of a poll; the URLs we build are already in their serialized form, so only their
 * origin is parsed, once. Anything else (userinfo, fragments, upper case, dot segments, characters
 * to escape) is parsed whole.
 */
function requestOptions(hop: Hop, headers: Readonly<Record<string, string>>): RequestOptions {
  const { url } = hop;
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  const where = slash > 0 ? originOf(url.slice(0, slash)) : undefined;
  const path = slash > 0 ? url.slice(slash) : '';
  if (where !== undefined && PLAIN_PATH.test(path) && !path.includes('/.')) {
    return { protocol: where.protocol, hostname: where.hostname, port: where.port, path, method: hop.method, headers };
  }
  const parsed = new URL(url);
  return {
    ...whereOf(parsed),
    path: `${parsed.pathname}${parsed.search}`,
    auth: parsed.username || parsed.password ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}` : undefined,
    method: hop.method,
    headers,
  };
}

/** A response's headers as `fetch`'s `Headers.get` reads them. */
class HeaderReader implements HttpHeaders {
  constructor(readonly headers: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/** One hop of a (possibly redirected) exchange. */
interface Hop {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** The hop a redirect asks for, with fetch's rules: 303 (and 301/302 of a POST) become a GET without body; credentials stay on the origin. */
function redirected(from: Hop, status: number, location: string): Hop {
  const url = new URL(location, from.url);
  const toGet = status === 303 || ((status === 301 || status === 302) && from.method === 'POST');
  const crossOrigin = url.origin !== new URL(from.url).origin;
  const headers = Object.fromEntries(
    Object.entries(from.headers).filter(([name]) => !(toGet && name === 'content-type') && !(crossOrigin && name === 'authorization')),
  );
  return { url: url.href, method: toGet ? 'GET' : from.method, headers, body: toGet ? undefined : from.body };
}

/** The exchanges in flight under each signal: what its one listener aborts. */
const inFlightUnder = new WeakMap<AbortSignal, Set<Exchange>>();

/**
 * The set of `signal`'s exchanges in flight. A signal gets one listener, however many requests it
 * sees (a job's polls share one): adding and removing an AbortSignal listener per request cost
 * ~20 µs of each on Node 20. The listener holds the set, not the signal, so both go when the
 * signal does.
 */
function inFlightOf(signal: AbortSignal): Set<Exchange> {
  let exchanges = inFlightUnder.get(signal);
  if (!exchanges) {
    const set = new Set<Exchange>();
    signal.addEventListener(
      'abort',
      function (this: AbortSignal) {
        for (const exchange of [...set]) exchange.fail(this.reason);
      },
      { once: true },
    );
    inFlightUnder.set(signal, set);
    exchanges = set;
  }
  return exchanges;
}

/** Where a request's and its response's listeners find their exchange. */
const EXCHANGE = Symbol('exchange');
type Carrier = { [EXCHANGE]?: Exchange };
const exchangeOf = (emitter: ClientRequest | IncomingMessage): Exchange => (emitter as Carrier)[EXCHANGE] as Exchange;

// The listeners are shared functions that find their exchange on the emitter (`this`): a closure
// per listener per request was a tenth of this module's CPU per poll.
function onRequestError(this: ClientRequest, error: Error): void {
  exchangeOf(this).fail(error);
}
function onResponse(this: ClientRequest, response: IncomingMessage): void {
  exchangeOf(this).receive(response);
}
function onData(this: IncomingMessage, chunk: Buffer): void {
  exchangeOf(this).chunks.push(chunk);
}
function onEnd(this: IncomingMessage): void {
  exchangeOf(this).end(this);
}
// A connection that closes before the body is complete is a reset, whatever the parser says.
function onClose(this: IncomingMessage): void {
  if (!this.complete) exchangeOf(this).fail(Object.assign(new Error('connection closed before the response was complete'), { code: 'ECONNRESET' }));
}
function onResponseError(this: IncomingMessage, error: Error): void {
  exchangeOf(this).fail(error);
}
function onDeadline(exchange: Exchange): void {
  exchange.fail(deadlineError(exchange.request));
}

/** One request and its redirects, from the first hop to the whole body of the last answer. */
class Exchange {
  #settled = false;
  #current: ClientRequest | undefined;
  #hop: Hop;
  #redirects = 0;
  readonly #timer: ReturnType<typeof setTimeout>;
  /** The body's chunks, decoded once when joined: a character split across two stays whole. */
  chunks: Buffer[] = [];

  constructor(
    readonly request: HttpRequest,
    readonly resolve: (response: HttpResponse) => void,
    readonly reject: (error: unknown) => void,
  ) {
    this.#hop = { url: request.url, method: request.method, headers: request.headers, body: request.body };
    this.#timer = setTimeout(onDeadline, request.timeoutMs, this);
    const { signal } = request;
    if (signal?.aborted) {
      this.fail(signal.reason);
      return;
    }
    if (signal) inFlightOf(signal).add(this);
    try {
      this.#send();
    } catch (error) {
      this.fail(error);
    }
  }

  #finish(): void {
    this.#settled = true;
    clearTimeout(this.#timer);
    if (this.request.signal) inFlightUnder.get(this.request.signal)?.delete(this);
  }

  fail(error: unknown): void {
    if (this.#settled) return;
    this.#finish();
    this.#current?.destroy();
    this.reject(error);
  }

  #send(): void {
    const hop = this.#hop;
    const headers = hop.body === undefined ? hop.headers : { ...hop.headers, 'content-length': String(Buffer.byteLength(hop.body)) };
    const options = requestOptions(hop, headers);
    const requestFn = options.protocol === 'https:' ? requestFunctions().https : requestFunctions().http;
    const current = requestFn(options);
    (current as Carrier)[EXCHANGE] = this;
    this.#current = current;
    current.once('response', onResponse);
    current.on('error', onRequestError);
    current.end(hop.body);
  }

  receive(response: IncomingMessage): void {
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (location !== undefined && REDIRECT_STATUSES.has(status)) {
      response.resume();
      if (this.#redirects >= MAX_REDIRECTS) {
        this.fail(new Error(`more than ${MAX_REDIRECTS} redirects`));
        return;
      }
      this.#redirects++;
      this.#hop = redirected(this.#hop, status, location);
      this.chunks = [];
      this.#send();
      return;
    }
    (response as Carrier)[EXCHANGE] = this;
    response.on('data', onData);
    response.on('error', onResponseError);
    response.on('end', onEnd);
    response.on('close', onClose);
  }

  end(response: IncomingMessage): void {
    if (this.#settled) return;
    this.#finish();
    const { chunks } = this;
    const text = chunks.length === 1 ? String(chunks[0]) : Buffer.concat(chunks).toString('utf8');
    this.resolve({ status: response.statusCode ?? 0, headers: new HeaderReader(response.headers), text });
  }
}

export function platformExchange(request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => void new Exchange(request, resolve, reject));
}
