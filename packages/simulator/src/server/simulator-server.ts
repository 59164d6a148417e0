import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { referenceBackendNames, type ReferenceBackendName } from '@coldatom/backend-config';
import type { StoredStatus } from '../runner/job-documents.js';
import { JobRunner, type JobRunnerOptions } from '../runner/job-runner.js';
import { HttpAnswer, SERVER_ERROR_PAGE } from './http-answer.js';
import { pythonJson } from './python-json.js';
import { answerQluedRequest } from './qlued-api.js';

/** Options of {@link SimulatorServer}. */
export interface SimulatorServerOptions extends JobRunnerOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Port; 0 picks a free one (read it from `url` after `listen()`). @default 0 */
  readonly port?: number;
  /** Tokens accepted (v2 `token` field or query parameter, v3 Bearer header). @default undefined: authentication off, any token or none is accepted */
  readonly tokens?: readonly string[];
  /** Backends served. @default every reference backend */
  readonly backends?: readonly ReferenceBackendName[];
  /** Largest request body; larger ones get HTTP 413. @default 10485760 @unit bytes */
  readonly maxBodyBytes?: number;
  /** `Retry-After` sent with a 503 (queue full, shutting down). @default 1 @unit seconds */
  readonly retryAfterSeconds?: number;
  /** The URL clients reach the server at, used in the configs' `url` (e.g. behind a proxy). @default the listening URL */
  readonly publicUrl?: string;
  /** How long `close()` lets accepted jobs finish before recording the rest as ERROR. @default 30000 @unit milliseconds */
  readonly shutdownGraceMs?: number;
  /** Told about unexpected failures answered with HTTP 500 (nothing is logged otherwise). */
  readonly onError?: (error: unknown) => void;
}

/**
 * A qlued-compatible HTTP server for the local simulators: every backend under django-qlued's v2
 * and v3 routes, with its status codes and bodies (written like Python's `json.dumps`). Jobs are
 * simulated on worker threads, so polls are answered while physics runs. Beyond the reference: a
 * bounded queue (503 + Retry-After), a body limit (413), a per-job time limit, graceful shutdown,
 * and loopback by default.
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
  readonly #backends: readonly ReferenceBackendName[];
  readonly #server: Server;
  #url: string | undefined;

  constructor(options: SimulatorServerOptions = {}) {
    this.#options = options;
    this.#runner = new JobRunner(options);
    this.#backends = options.backends ?? referenceBackendNames;
    const context = {
      runner: this.#runner,
      backends: this.#backends,
      tokens: options.tokens ? new Set(options.tokens) : undefined,
      maxBodyBytes: options.maxBodyBytes ?? 10 * 2 ** 20,
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
      baseUrl: () => (options.publicUrl ?? this.url).replace(/\/+$/, ''),
    };
    this.#server = createServer((req, res) => {
      answerQluedRequest(req, context).then(
        (answer) => this.#write(res, answer),
        (error: unknown) => {
          this.#options.onError?.(error);
          this.#write(res, SERVER_ERROR_PAGE);
        },
      );
    });
  }

  /** `http://host:port`, once listening. */
  get url(): string {
    if (!this.#url) throw new Error('The simulator server is not listening; call listen() first');
    return this.#url;
  }

  /** Jobs accepted and not yet finished, over all backends. */
  get pendingJobs(): number {
    return this.#runner.pending();
  }

  /** Starts listening; resolves with the base URL (`url`). */
  async listen(): Promise<string> {
    const host = this.#options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port ?? 0, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
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

  /**
   * Stops accepting connections and new jobs (503), lets accepted jobs finish for up to
   * `shutdownGraceMs` (then records the rest as ERROR: no job is left INITIALIZING), and resolves
   * once the server is closed. Statuses stay readable through {@link jobStatus}.
   */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    await this.#runner.close({ graceMs: this.#options.shutdownGraceMs ?? 30_000 });
    this.#server.closeAllConnections();
    await closed;
  }

  #write(res: ServerResponse, answer: HttpAnswer): void {
    const html = typeof answer.body === 'string';
    // Results echo every instruction parameter as a Python float (`50.0`); nothing else served has a `params` key.
    const text = html ? (answer.body as string) : pythonJson(answer.body, { floatKeys: ['params'] });
    res.writeHead(answer.statusCode, {
      'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...answer.headers,
    });
    res.end(text);
  }
}
