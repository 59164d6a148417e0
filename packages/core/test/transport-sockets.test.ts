import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError, RemoteBackend, TimeoutError } from '@coldatom/core';
import { useRealNetwork } from '../../../test/support/real-network.js';
import { outcomeOf } from './support/outcome.js';
import { recorder } from './support/retry-recorder.js';

// Real sockets on 127.0.0.1: connection refused, slow bodies and resets cannot be faked by nock.
useRealNetwork();

const PAYLOAD = {
  experiment_0: { instructions: [['measure', [0], []]] as [string, number[], number[]][], shots: 1, num_wires: 1, wire_order: 'interleaved' as const },
};
const STATUS = { job_id: 'j1', status: 'INITIALIZING', detail: 'Got your json.', error_message: 'None' };

/** Resolves once this process's HTTP client has parsed a response's status line and headers, before any of its body is read. */
function clientHasHeaders(): Promise<void> {
  // Node publishes every client response here as soon as its headers are parsed (Node >= 18.7).
  const channel = 'http.client.response.finish';
  return new Promise((resolve) => {
    const onResponse = (): void => {
      unsubscribe(channel, onResponse);
      resolve();
    };
    subscribe(channel, onResponse);
  });
}

const servers: Server[] = [];
afterEach(async () => {
  vi.useRealTimers();
  // A failed spec may leave a held answer open: drop its connection, or close() would wait for it.
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((r) => {
          s.close(r);
          s.closeAllConnections();
        }),
    ),
  );
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
    // Only the clock is fake (the deadline is a setTimeout): the sockets stay real, and the body's
    // end waits for the test, so the deadline passes after the headers and before the body is whole.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let releaseBody!: () => void;
    const bodyReleased = new Promise<void>((r) => (releaseBody = r));
    const url = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"job_id": "j1", ');
      void bodyReleased.then(() => res.end('"status": "DONE"}'));
    });
    const headers = clientHasHeaders();
    const outcome = outcomeOf(new RemoteBackend(`${url}/api/v3/singlequdit`, { timeoutMs: 100, retry: { limit: 0 } }).jobStatus('j1'));
    await headers;
    await vi.advanceTimersByTimeAsync(99);
    expect(outcome.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome.settled).toBe(true);
    expect(await outcome.value).toBeInstanceOf(TimeoutError);
    releaseBody();
  });

  it('reports a connection reset mid-body as a network error that may have reached the server', async () => {
    let reset!: () => void;
    const resetRequested = new Promise<void>((r) => (reset = r));
    const url = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"job_id": "j1"');
      void resetRequested.then(() => res.socket?.destroy());
    });
    const headers = clientHasHeaders();
    const outcome = new RemoteBackend(`${url}/api/v3/singlequdit`, { retry: { limit: 0 } }).submit(PAYLOAD).catch((e: unknown) => e);
    // The reset comes once the client is reading the body, never before the answer started.
    await headers;
    reset();
    const error = await outcome;
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).notSent).toBe(false);
    expect((error as Error).message).toMatch(/may exist on the server/);
  });
});
