import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, RemoteBackend, TimeoutError, type RetryEvent } from '@coldatom/core';
import { useRealNetwork } from '../../../test/support/real-network.js';

// Real sockets on 127.0.0.1: connection refused, slow bodies and resets cannot be faked by nock.
useRealNetwork();

const PAYLOAD = {
  experiment_0: { instructions: [['measure', [0], []]] as [string, number[], number[]][], shots: 1, num_wires: 1, wire_order: 'interleaved' as const },
};
const STATUS = { job_id: 'j1', status: 'INITIALIZING', detail: 'Got your json.', error_message: 'None' };

function recorder(): { waits: number[]; events: RetryEvent[]; options: { sleep: (ms: number) => Promise<void>; onRetry: (e: RetryEvent) => void } } {
  const waits: number[] = [];
  const events: RetryEvent[] = [];
  return { waits, events, options: { sleep: async (ms) => void waits.push(ms), onRetry: (e) => void events.push(e) } };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function loopback(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('RemoteBackend on real sockets', () => {
  it('retries post_job when the connection was refused (the request never left)', async () => {
    const reserved = await loopback(() => undefined);
    const port = new URL(reserved).port;
    await new Promise((r) => servers.pop()!.close(r));
    const r = recorder();
    const b = new RemoteBackend(`http://127.0.0.1:${port}/api/v3/singlequdit`, {
      ...r.options,
      sleep: async (ms) => {
        r.waits.push(ms);
        const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(STATUS)));
        servers.push(server);
        await new Promise<void>((ok) => server.listen(Number(port), '127.0.0.1', ok));
      },
    });
    expect((await b.submit(PAYLOAD)).jobId).toBe('j1');
    expect(r.events[0]!.error).toBeInstanceOf(NetworkError);
    expect((r.events[0]!.error as NetworkError).notSent).toBe(true);
  });

  it('times out on a body that arrives too slowly after fast headers', async () => {
    const url = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"job_id": "j1", ');
      setTimeout(() => res.end('"status": "DONE"}'), 400);
    });
    const error = await new RemoteBackend(`${url}/api/v3/singlequdit`, { timeoutMs: 100, retry: { limit: 0 } }).jobStatus('j1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('reports a connection reset mid-body as a network error that may have reached the server', async () => {
    const url = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"job_id": "j1"');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await new RemoteBackend(`${url}/api/v3/singlequdit`, { retry: { limit: 0 } }).submit(PAYLOAD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).notSent).toBe(false);
    expect((error as Error).message).toMatch(/may exist on the server/);
  });
});
