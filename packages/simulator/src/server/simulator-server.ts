import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isReferenceBackendName, referenceBackend, referenceBackendNames, type ReferenceBackendName } from '@coldatom/backend-config';
import { unknownJob } from '../local-backend.js';
import { JobRunner, QueueFullError, type JobRunnerOptions } from '../runner/job-runner.js';
import { pythonJson } from './python-json.js';

/** Options of {@link SimulatorServer}. */
export interface SimulatorServerOptions extends JobRunnerOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Accepted tokens (v2 `token`, v3 Bearer); unset: any token, or none, is accepted. */
  readonly tokens?: readonly string[];
  /** Backends served. @default all reference backends */
  readonly backends?: readonly ReferenceBackendName[];
  /** Jobs accepted but not finished, over all backends, before post_job answers 503. @default 1000 */
  readonly maxQueuedJobs?: number;
  /** Largest request body. @default 10485760 @unit bytes */
  readonly maxBodyBytes?: number;
  /** `Retry-After` sent with a 503. @default 1 @unit seconds */
  readonly retryAfterSeconds?: number;
}

const STORAGE = 'alqor';
const status = (detail: string, errorMessage = detail): Record<string, string> => ({ job_id: 'None', status: 'ERROR', detail, error_message: errorMessage });
const missing = (where: 'query' | 'body', ...loc: string[]): unknown => ({ detail: loc.map((name) => ({ type: 'missing', loc: where === 'body' ? ['body', 'data', name] : ['query', name], msg: 'Field required' })) });

class HttpAnswer extends Error {
  constructor(readonly code: number, readonly body: unknown, readonly headers: Record<string, string> = {}) {
    super(`HTTP ${code}`);
  }
}

/**
 * A qlued-compatible server for the local simulators (django-qlued's v2 and v3 routes, status codes
 * and bodies). node:http suffices: five GET/POST routes with JSON bodies need no framework.
 * Beyond the reference: a bounded queue (503 + Retry-After), a body limit (413), graceful shutdown
 * in which every accepted job still finishes, and loopback by default.
 */
export class SimulatorServer {
  readonly #options: SimulatorServerOptions;
  readonly #runners = new Map<ReferenceBackendName, JobRunner>();
  readonly #server: Server;
  #url: string | undefined;

  constructor(options: SimulatorServerOptions = {}) {
    this.#options = options;
    for (const name of options.backends ?? referenceBackendNames) this.#runners.set(name, new JobRunner(name, options));
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  /** `http://host:port` once listening. */
  get url(): string {
    if (!this.#url) throw new Error('the server is not listening');
    return this.#url;
  }

  /** Starts listening; resolves with the base URL. */
  async listen(): Promise<string> {
    const host = this.#options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port ?? 0, host, resolve);
    });
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return this.#url;
  }

  /** A job's stored status on any served backend (for operators and tests). */
  jobStatus(jobId: string): { readonly status: string } | undefined {
    for (const runner of this.#runners.values()) {
      const found = runner.status(jobId);
      if (found) return found;
    }
    return undefined;
  }

  /** Stops accepting connections and resolves once every accepted job has finished. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    await Promise.all([...this.#runners.values()].map((r) => r.close()));
    this.#server.closeAllConnections();
    await closed;
  }

  #send(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : pythonJson(body);
    res.writeHead(code, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8', ...headers });
    res.end(text);
  }

  async #body(req: IncomingMessage): Promise<string> {
    const limit = this.#options.maxBodyBytes ?? 10 * 2 ** 20;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new HttpAnswer(413, status(`Request body larger than ${limit} bytes`));
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  #authorize(version: string, token: string | null | undefined, bearerHeader: string | undefined): void {
    if (version === 'v3') {
      const match = /^bearer\s+(.+)$/i.exec(bearerHeader ?? '');
      if (!match) {
        if (this.#options.tokens) throw new HttpAnswer(401, { detail: 'Unauthorized' });
        return;
      }
      token = match[1]!;
    }
    if (this.#options.tokens && !this.#options.tokens.includes(token ?? '')) throw new HttpAnswer(401, status('Invalid credentials!'));
  }

  /** django-qlued's name resolution: a display name, or `{storage}_{display}_{anything}`. */
  #runner(name: string, forConfig: boolean): JobRunner {
    const parts = name.split('_');
    const display = parts.length === 1 ? parts[0]! : parts.length === 3 && parts[0] === STORAGE ? parts[1]! : undefined;
    if (parts.length !== 1 && parts.length !== 3 && forConfig) {
      throw new HttpAnswer(404, status(`Unknown back-end ${name}! The string should have 1 or three parts separated by \`_\`!`, 'Unknown back-end!'));
    }
    // Where django-qlued fails with an HTML 500 (unknown display name or storage), we answer the JSON 404.
    const runner = display && isReferenceBackendName(display) ? this.#runners.get(display) : undefined;
    if (!runner) throw new HttpAnswer(404, status('Unknown back-end!'));
    return runner;
  }

  #config(name: ReferenceBackendName, withUrl: boolean): unknown {
    const config = referenceBackend(name).config;
    return { ...config, url: withUrl ? `${this.url}/api/v2/${config.backend_name}/` : null };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = /^\/api\/(v2|v3)\/(?:([^/]+)\/)?(get_config|get_backend_status|post_job|get_job_status|get_job_result|backends)$/.exec(url.pathname);
      if (!route) return this.#send(res, 404, '<!doctype html><title>Not Found</title><h1>Not Found</h1>');
      const [, version, name, endpoint] = route as unknown as [string, 'v2' | 'v3', string | undefined, string];
      const method = endpoint === 'post_job' ? 'POST' : 'GET';
      if (req.method !== method) return this.#send(res, 405, 'Method not allowed');
      if (endpoint === 'backends') {
        if (name) return this.#send(res, 404, '<!doctype html><title>Not Found</title>');
        return this.#send(res, 200, [...this.#runners.keys()].map((n) => this.#config(n, false)));
      }
      if (!name) return this.#send(res, 404, '<!doctype html><title>Not Found</title>');
      const q = url.searchParams;
      if (endpoint === 'get_config') return this.#send(res, 200, this.#config(this.#runner(name, true).backend, true));
      if (endpoint === 'get_backend_status') {
        const runner = this.#runner(name, true);
        const config = referenceBackend(runner.backend).config;
        return this.#send(res, 200, { backend_name: config.backend_name, backend_version: config.backend_version, operational: true, pending_jobs: runner.pending, status_msg: '' });
      }
      if (endpoint === 'post_job') return this.#send(res, 200, await this.#postJob(req, version, name));

      if (!q.has('job_id') || (version === 'v2' && !q.has('token'))) {
        throw new HttpAnswer(422, missing('query', ...(['job_id', ...(version === 'v2' ? ['token'] : [])] as string[]).filter((k) => !q.has(k))));
      }
      this.#authorize(version, q.get('token'), req.headers.authorization);
      const runner = this.#runner(name, false);
      const jobId = q.get('job_id')!;
      const stored = runner.status(jobId) ?? unknownJob(jobId);
      if (stored.status === 'ERROR') throw new HttpAnswer(406, stored);
      if (endpoint === 'get_job_result' && stored.status === 'DONE') return this.#send(res, 200, runner.result(jobId));
      return this.#send(res, 200, stored);
    } catch (error) {
      if (error instanceof HttpAnswer) return this.#send(res, error.code, error.body, error.headers);
      return this.#send(res, 500, '<!doctype html><title>Server Error (500)</title><h1>Server Error (500)</h1>');
    }
  }

  async #postJob(req: IncomingMessage, version: 'v2' | 'v3', name: string): Promise<unknown> {
    const text = await this.#body(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new HttpAnswer(400, { detail: 'Cannot parse request body' });
    }
    let payload: unknown;
    if (version === 'v2') {
      const absent = ['job', 'token'].filter((k) => typeof body[k] !== 'string');
      if (absent.length > 0) throw new HttpAnswer(422, missing('body', ...absent));
      this.#authorize(version, body.token as string, undefined);
      this.#runner(name, false);
      try {
        payload = JSON.parse(body.job as string);
      } catch {
        throw new HttpAnswer(406, status('The encoding of your json seems not work out!'));
      }
    } else {
      this.#authorize(version, undefined, req.headers.authorization);
      if (!('payload' in body)) throw new HttpAnswer(422, missing('body', 'payload'));
      this.#runner(name, false);
      payload = body.payload;
    }
    const pending = [...this.#runners.values()].reduce((n, r) => n + r.pending, 0);
    if (pending >= (this.#options.maxQueuedJobs ?? 1000)) {
      throw new HttpAnswer(503, status('The queue is full; try again later.'), { 'retry-after': String(this.#options.retryAfterSeconds ?? 1) });
    }
    try {
      return this.#runner(name, false).submit(payload);
    } catch (error) {
      if (error instanceof QueueFullError) throw new HttpAnswer(503, status('The simulator is shutting down; try again later.'), { 'retry-after': String(this.#options.retryAfterSeconds ?? 1) });
      throw error;
    }
  }
}
