import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Json, type JobPayload } from '@coldatom/core';

/** Options of {@link startQluedStub}. */
export interface QluedStubOptions {
  /** The token every job request must carry. */
  readonly token: string;
  /** Status polls after which a job answers DONE. @default 3 */
  readonly pollsToDone?: number;
  /** Backend name in the URL. @default 'singlequdit' */
  readonly backend?: string;
  /** HTTP codes answered, in order, to the first status polls of each job instead of the status. @default [] */
  readonly statusFaults?: readonly number[];
  /** The `Retry-After` a 429 fault sends, in seconds (fractions keep tests fast; real servers send integers). @default 1 */
  readonly retryAfterSeconds?: number;
}

/** A running stub. */
export interface QluedStub {
  /** The backend base URL, `http://127.0.0.1:<port>/api/v2/<backend>`. */
  readonly url: string;
  /** Every job the stub accepted: id → sha256 of the payload's canonical JSON. */
  readonly accepted: ReadonlyMap<string, string>;
  /** Requests answered so far, by endpoint. */
  readonly requests: Record<string, number>;
  /** Registers a job as if it had been submitted earlier (for attaching by id). */
  addJob(jobId: string, payload: JobPayload): void;
  close(): Promise<void>;
}

const send = (res: ServerResponse, code: number, body: unknown): void => {
  res.writeHead(code, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
};
const statusBody = (jobId: string, status: string, detail: string): Record<string, string> => ({ job_id: jobId, status, detail, error_message: 'None' });

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

/**
 * A tiny qlued-v2-like server on 127.0.0.1 (protocol.md §1.5): `post_job` takes `{job: "<json>",
 * token}`, status and result take `job_id` and `token` query parameters, a wrong token gets the
 * status-shaped 401, an unknown id the 406 of current servers; `statusFaults` injects 5xx/429s. A job answers INITIALIZING until its
 * `pollsToDone`-th status poll, then DONE; until then `get_job_result` answers the status object,
 * afterwards a result whose own `status` is "INITIALIZING", as current servers send it.
 */
export async function startQluedStub(options: QluedStubOptions): Promise<QluedStub> {
  const pollsToDone = options.pollsToDone ?? 3;
  const backend = options.backend ?? 'singlequdit';
  const jobs = new Map<string, { payload: JobPayload; polls: number; faults: number }>();
  const accepted = new Map<string, string>();
  const requests: Record<string, number> = {};
  let next = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const endpoint = url.pathname.split('/').at(-1) ?? '';
      requests[endpoint] = (requests[endpoint] ?? 0) + 1;
      if (!url.pathname.startsWith(`/api/v2/${backend}/`)) return send(res, 404, statusBody('None', 'ERROR', 'Unknown back-end!'));
      if (endpoint === 'post_job' && req.method === 'POST') {
        const body = JSON.parse(await readBody(req)) as { job: string; token: string };
        if (body.token !== options.token) return send(res, 401, statusBody('None', 'ERROR', 'Invalid credentials!'));
        const payload = JSON.parse(body.job) as JobPayload;
        const jobId = `job-${String(next++).padStart(5, '0')}`;
        jobs.set(jobId, { payload, polls: 0, faults: 0 });
        accepted.set(jobId, sha256Json(payload));
        return send(res, 200, statusBody(jobId, 'INITIALIZING', 'Got your json.'));
      }
      if (endpoint !== 'get_job_status' && endpoint !== 'get_job_result') return send(res, 404, { detail: 'Not Found' });
      if (url.searchParams.get('token') !== options.token) return send(res, 401, statusBody('None', 'ERROR', 'Invalid credentials!'));
      const jobId = url.searchParams.get('job_id') ?? '';
      const job = jobs.get(jobId);
      if (!job) return send(res, 406, { ...statusBody(jobId, 'ERROR', 'Could not find the status file.'), error_message: `Missing status file for ${jobId}.` });
      const fault = endpoint === 'get_job_status' ? options.statusFaults?.[job.faults] : undefined;
      if (fault !== undefined) {
        job.faults++;
        if (fault === 429) res.setHeader('retry-after', String(options.retryAfterSeconds ?? 1));
        return send(res, fault, { detail: `injected HTTP ${fault}` });
      }
      if (endpoint === 'get_job_status') job.polls++;
      const done = job.polls >= pollsToDone;
      if (endpoint === 'get_job_status' || !done)
        return send(
          res,
          200,
          statusBody(
            jobId,
            done ? 'DONE' : 'INITIALIZING',
            done ? 'Got your json.; Passed json sanity check; Compilation done. Shots sent to solver.' : 'Got your json.',
          ),
        );
      const results = Object.entries(job.payload).map(([name, experiment]) => ({
        header: { name, 'extra metadata': 'text' },
        shots: experiment.shots,
        success: true,
        data: { memory: Array.from({ length: experiment.shots }, () => '0'), instructions: null },
      }));
      return send(res, 200, {
        backend_name: `alqor_${backend}_simulator`,
        display_name: backend,
        backend_version: '0.3',
        job_id: jobId,
        qobj_id: null,
        success: true,
        status: 'INITIALIZING',
        header: {},
        results,
      });
    })().catch((error: unknown) => send(res, 500, { detail: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v2/${backend}`,
    accepted,
    requests,
    addJob: (jobId, payload) => void jobs.set(jobId, { payload, polls: 0, faults: 0 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
