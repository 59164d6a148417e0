import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, RemoteBackend, listBackends } from '@coldatom/core';
import { useRealNetwork } from '../../../test/support/real-network.js';

// Node sends through node:http, not fetch: these specs hold it to what fetch did for us.
useRealNetwork();

const PAYLOAD = {
  experiment_0: { instructions: [['measure', [0], []]] as [string, number[], number[]][], shots: 1, num_wires: 1, wire_order: 'interleaved' as const },
};
const status = (jobId: string): string => JSON.stringify({ job_id: jobId, status: 'INITIALIZING', detail: 'Got your json.', error_message: 'None' });

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback server that records every request and answers with `handler`. */
async function loopback(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body };
      seen.push(entry);
      handler(req, res, entry);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('the Node transport (node:http)', () => {
  it('follows a GET redirect, as fetch did (Django redirects a missing trailing slash with 301)', async () => {
    const { url, seen } = await loopback((req, res) => {
      if (req.url?.startsWith('/old/')) res.writeHead(301, { location: req.url.replace('/old/', '/') }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(status('j1'));
    });
    const answer = await new RemoteBackend(`${url}/old/api/v3/singlequdit`, { token: 't' }).jobStatus('j1');
    expect(answer.raw).toBe('INITIALIZING');
    expect(seen.map((s) => s.url.split('?')[0])).toEqual(['/old/api/v3/singlequdit/get_job_status', '/api/v3/singlequdit/get_job_status']);
  });

  it('sends a POST again with its body and credentials on a 307 to the same origin', async () => {
    const { url, seen } = await loopback((req, res) => {
      if (req.url?.startsWith('/old/')) res.writeHead(307, { location: req.url.replace('/old/', '/') }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(status('j2'));
    });
    const { jobId } = await new RemoteBackend(`${url}/old/api/v3/singlequdit`, { token: 'secret-token' }).submit(PAYLOAD);
    expect(jobId).toBe('j2');
    expect(seen.map((s) => [s.method, s.authorization])).toEqual([
      ['POST', 'Bearer secret-token'],
      ['POST', 'Bearer secret-token'],
    ]);
    expect(JSON.parse(seen[1]!.body)).toEqual({ payload: PAYLOAD });
  });

  it('turns a POST answered with 303 into a GET without a body', async () => {
    const { url, seen } = await loopback((req, res) => {
      if (req.method === 'POST') res.writeHead(303, { location: '/api/v3/singlequdit/accepted' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(status('j3'));
    });
    await new RemoteBackend(`${url}/api/v3/singlequdit`, { token: 't' }).submit(PAYLOAD);
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/api/v3/singlequdit/post_job', JSON.stringify({ payload: PAYLOAD })],
      ['GET', '/api/v3/singlequdit/accepted', ''],
    ]);
  });

  it('never carries the Authorization header to another origin', async () => {
    const other = await loopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(status('j4')));
    const { url } = await loopback((req, res) => res.writeHead(302, { location: `${other.url}${req.url}` }).end());
    await new RemoteBackend(`${url}/api/v3/singlequdit`, { token: 'secret-token' }).jobStatus('j4');
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]!.authorization).toBeUndefined();
  });

  it('sends a URL as WHATWG URL serializes it: spaces and quotes escaped, dot segments resolved, userinfo and fragments dropped', async () => {
    const { url, seen } = await loopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
    const host = url.replace('http://', '');
    for (const root of [`${url}/api/my lab`, `${url}/api/"q"`, `${url}/api/v1/../v2`, `http://user:pw@${host}/api/v2`, `${url}/api/v2?token=x#frag`]) {
      await listBackends(root);
    }
    expect(seen.map((s) => s.url)).toEqual(['/api/my%20lab/backends', '/api/%22q%22/backends', '/api/v2/backends', '/api/v2/backends', '/api/v2?token=x']);
  });

  it('aborts every request in flight under a signal, one it has already carried finished requests with', async () => {
    let held = 0;
    const { url } = await loopback((req, res) => {
      if (req.url?.includes('job_id=done')) res.writeHead(200, { 'content-type': 'application/json' }).end(status('done'));
      else held++;
    });
    const backend = new RemoteBackend(`${url}/api/v3/singlequdit`, { token: 't' });
    const caller = new AbortController();
    for (let i = 0; i < 3; i++) expect((await backend.jobStatus('done', { signal: caller.signal })).raw).toBe('INITIALIZING');
    const pending = ['a', 'b', 'c'].map((id) => backend.jobStatus(id, { signal: caller.signal }).catch((error: unknown) => error));
    await expect.poll(() => held).toBe(3);
    caller.abort();
    const errors = await Promise.all(pending);
    for (const error of errors) expect(error).toBeInstanceOf(AbortError);
  });

  it('uses a fetch passed as an option instead of node:http', async () => {
    const { url, seen } = await loopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(status('j5')));
    const calls: string[] = [];
    const counting: typeof fetch = async (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    await new RemoteBackend(`${url}/api/v3/singlequdit`, { token: 't', fetch: counting }).jobStatus('j5');
    expect(calls).toEqual([`${url}/api/v3/singlequdit/get_job_status?job_id=j5`]);
    expect(seen).toHaveLength(1);
  });
});
