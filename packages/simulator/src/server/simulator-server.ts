import { ColdAtomError } from '@coldatom/core';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { referenceBackendNames, type ReferenceBackendName } from '@coldatom/backend-config';
import type { StoredStatus } from '../runner/job-documents.js';
import { JobRunner, type JobRunnerOptions } from '../runner/job-runner.js';
import { guardConnections } from './connection-guard.js';
import { CorsPolicy, isPreflight } from './cors-policy.js';
import { type HttpAnswer, SERVER_ERROR_PAGE } from './http-answer.js';
import { pythonJson } from './python-json.js';
import { answerQluedRequest, type QluedApiContext } from './qlued-api.js';
import { ResultStore, StoredBody, type ResultStoreOptions } from './result-store.js';
import { TokenCheck } from './token-check.js';

/** Options of {@link SimulatorServer}. */
export interface SimulatorServerOptions extends Omit<JobRunnerOptions, 'resultSink'> {
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Port; 0 picks a free one (read it from `url` after `listen()`). @default 0 */
  readonly port?: number;
  /**
   * Tokens accepted (v2 `token` field or query parameter, v3 Bearer header), compared in constant time.
   * @default undefined: authentication off, any token or none is accepted
   */
  readonly tokens?: readonly string[];
  /** Backends served. @default every reference backend */
  readonly backends?: readonly ReferenceBackendName[];
  /** Largest request body; larger ones get HTTP 413. @default 10485760 @unit bytes */
  readonly maxBodyBytes?: number;
  /**
   * Largest number of shots one job may ask for, summed over its experiments (shots × experiments).
   * A larger job is refused at `post_job` with a status-shaped 413 naming this limit, before any
   * work: its result (about 6–20 bytes of JSON per shot) would not fit the server's memory bounds.
   * @default 10000000
   */
  readonly maxShotsPerJob?: number;
  /** How many bytes of finished results are held in memory and on disk, for how long, and where. @default see {@link ResultStoreOptions} */
  readonly results?: ResultStoreOptions;
  /** `Retry-After` sent with a 503 (queue full, shutting down, too many connections). @default 1 @unit seconds */
  readonly retryAfterSeconds?: number;
  /** Longest wait for a request's headers; the client then gets a 408 and its connection is closed. @default 10000 @unit milliseconds */
  readonly headersTimeoutMs?: number;
  /**
   * Longest wait for a whole request, headers and body: a client trickling its body byte by byte
   * is cut after this (408), not after Node's default of 300 s. @default 30000 @unit milliseconds
   */
  readonly requestTimeoutMs?: number;
  /** A connection with no traffic either way for this long is closed (e.g. a client that stopped reading a result). @default 60000 @unit milliseconds */
  readonly idleTimeoutMs?: number;
  /** Open connections in all; beyond it a new connection gets a status-shaped 503 and is closed. @default 1024 */
  readonly maxConnections?: number;
  /** Open connections from one remote address; beyond it that client's new connection gets a status-shaped 503 and is closed. @default 128 */
  readonly maxConnectionsPerClient?: number;
  /** The URL clients reach the server at, used in the configs' `url` (e.g. behind a proxy). @default the listening URL */
  readonly publicUrl?: string;
  /** How long `close()` lets accepted jobs finish before recording the rest as ERROR. @default 30000 @unit milliseconds */
  readonly shutdownGraceMs?: number;
  /**
   * Origins whose web pages may call the server (CORS): exact origins as browsers send them
   * (`http://localhost:5173`), or `'*'` alone for any page. Preflights for GET and POST with the
   * Authorization and Content-Type headers are answered; credentials mode is never allowed (tokens
   * travel in the Authorization header or the body, never in a cookie).
   * @default undefined: CORS off, as on the reference server (browsers refuse cross-origin calls)
   */
  readonly corsOrigin?: string | readonly string[];
  /** How long a browser may cache a preflight answer (with `corsOrigin`). @default 600 @unit seconds */
  readonly corsMaxAgeSeconds?: number;
  /** Told about unexpected failures answered with HTTP 500 (nothing is logged otherwise). */
  readonly onError?: (error: unknown) => void;
}

/**
 * A qlued-compatible HTTP server for the local simulators: every backend under django-qlued's v2
 * and v3 routes, with its status codes and bodies (written like Python's `json.dumps`). Jobs are
 * simulated on worker threads, so polls are answered while physics runs. Beyond the reference: a
 * bounded queue (503 + Retry-After), a body limit (413), a per-job time limit, graceful shutdown,
 * and loopback by default; memory bounded in bytes (a cap on shots per job, results serialised a
 * slice at a time between other requests, held in memory up to a budget, spilled to disk beyond,
 * forgotten by age and total size, and streamed when fetched); header and request timeouts and
 * connection caps against slow or greedy clients; tokens compared in constant time.
 *
 * Built on node:http alone: five JSON routes per API version need no router or framework, and
 * byte-exact bodies are easier to guarantee without one.
 *
 * @example
 * const server = new SimulatorServer({ tokens: ['my-token'] });
 * const url = await server.listen(); // http://127.0.0.1:<port>
 * const backend = backendFor(`${url}/api/v3/singlequdit`, { token: 'my-token' });
 * await server.close();
 */
export class SimulatorServer {
  readonly #options: SimulatorServerOptions;
  readonly #runner: JobRunner;
  readonly #results: ResultStore;
  readonly #backends: readonly ReferenceBackendName[];
  readonly #server: Server;
  #url: string | undefined;

  /**
   * @throws {CorsOriginError} when `corsOrigin` holds something that is not an exact origin, or `*` with others
   */
  constructor(options: SimulatorServerOptions = {}) {
    this.#options = options;
    // Checked first: a bad origin must not leave a half-built server behind.
    const cors =
      options.corsOrigin === undefined
        ? undefined
        : new CorsPolicy(options.corsOrigin, options.corsMaxAgeSeconds === undefined ? {} : { maxAgeSeconds: options.corsMaxAgeSeconds });
    this.#results = new ResultStore(options.results ?? {}, (jobId) => this.#runner.forget(jobId));
    this.#runner = new JobRunner({ ...options, resultSink: this.#results });
    this.#backends = options.backends ?? referenceBackendNames;
    const context: QluedApiContext = {
      runner: this.#runner,
      backends: this.#backends,
      tokens: options.tokens ? new TokenCheck(options.tokens) : undefined,
      results: this.#results,
      maxBodyBytes: options.maxBodyBytes ?? 10 * 2 ** 20,
      maxShotsPerJob: options.maxShotsPerJob ?? 10_000_000,
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
      baseUrl: () => (options.publicUrl ?? this.url).replace(/\/+$/, ''),
    };
    const requestTimeout = options.requestTimeoutMs ?? 30_000;
    // Node refuses a headers timeout longer than the request timeout.
    const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
    this.#server = createServer(
      {
        headersTimeout,
        requestTimeout,
        // Node checks both timeouts only this often (30 s by default), which would add up to 30 s to each.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, headersTimeout / 4)),
      },
      (req, res) => {
        // The connection was over a cap and has had its 503; whatever it still sends is ignored.
        if (refused(req.socket)) return;
        const preflight = cors?.preflight(req);
        if (preflight) return this.#write(res, preflight);
        const corsHeaders = cors && !isPreflight(req) ? cors.headersFor(req.headers.origin) : {};
        answerQluedRequest(req, context).then(
          (answer) => this.#write(res, answer, corsHeaders),
          (error: unknown) => {
            this.#options.onError?.(error);
            this.#write(res, SERVER_ERROR_PAGE, corsHeaders);
          },
        );
      },
    );
    this.#server.timeout = options.idleTimeoutMs ?? 60_000;
    const refused = guardConnections(this.#server, {
      max: options.maxConnections ?? 1024,
      perClient: options.maxConnectionsPerClient ?? 128,
      retryAfterSeconds: context.retryAfterSeconds,
    });
  }

  /** `http://host:port`, once listening. */
  get url(): string {
    if (!this.#url) throw new ColdAtomError('The simulator server is not listening; call listen() first');
    return this.#url;
  }

  /** Jobs accepted and not yet finished, over all backends. */
  get pendingJobs(): number {
    return this.#runner.pending();
  }

  /**
   * Makes the data directory, then starts listening; resolves with the base URL (`url`).
   * @throws {ResultStoreError} when the data directory cannot be made (`results.directory`)
   */
  async listen(): Promise<string> {
    await this.#results.start();
    const host = this.#options.host ?? '127.0.0.1';
    try {
      await new Promise<void>((resolve, reject) => {
        this.#server.once('error', reject);
        this.#server.listen(this.#options.port ?? 0, host, () => {
          this.#server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      // E.g. the port is taken: leave no data directory behind.
      await this.#results.close();
      throw error;
    }
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return this.#url;
  }

  /** A job's status on whichever backend holds it (for operators and tests); undefined when unknown. */
  jobStatus(jobId: string): StoredStatus | undefined {
    for (const backend of this.#backends) {
      const status = this.#runner.status(backend, jobId);
      if (status) return status;
    }
    return undefined;
  }

  /** Bytes of finished results held in memory and on disk, and how many results (for operators and tests). */
  get resultUsage(): { readonly memoryBytes: number; readonly diskBytes: number; readonly results: number } {
    return this.#results.usage;
  }

  /** The server's data directory, where results beyond the memory budget are spilled (once listening; removed by `close()`). */
  get dataDirectory(): string | undefined {
    return this.#results.directory;
  }

  /**
   * Stops accepting connections and new jobs (503), lets accepted jobs finish for up to
   * `shutdownGraceMs` (then records the rest as ERROR: no job is left INITIALIZING), and resolves
   * once the server is closed; the data directory is removed with every stored result. Statuses
   * stay readable through {@link jobStatus}.
   */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    await this.#runner.close({ graceMs: this.#options.shutdownGraceMs ?? 30_000 });
    this.#server.closeAllConnections();
    await closed;
    await this.#results.close();
  }

  #write(res: ServerResponse, answer: HttpAnswer, extraHeaders: Readonly<Record<string, string>> = {}): void {
    const body = answer.body;
    if (res.destroyed) {
      // The client is gone (or was cut by a timeout): nothing to send, but a stream holds a file open.
      if (body instanceof StoredBody) body.stream.destroy();
      return;
    }
    if (body instanceof StoredBody) {
      // A stored result is streamed as stored: never serialised or held whole while sending.
      res.writeHead(answer.statusCode, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.bytes, ...answer.headers, ...extraHeaders });
      pipeline(body.stream, res, () => {});
      return;
    }
    if (answer.statusCode === 204) {
      res.writeHead(204, { ...answer.headers, ...extraHeaders });
      res.end();
      return;
    }
    const html = typeof body === 'string';
    // Results come stored (above); `params` stays a float key as results use it (`50.0`), should one pass here.
    const text = html ? body : pythonJson(body, { floatKeys: ['params'] });
    res.writeHead(answer.statusCode, {
      'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...answer.headers,
      ...extraHeaders,
    });
    res.end(text);
  }
}
