/**
 * Issue 16 (9): a slow client held a connection for Node's default 300 s, and nothing capped the
 * connections of one client. Raw sockets on 127.0.0.1 play the slow and the greedy client.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorServer, type SimulatorServerOptions } from '@coldatom/simulator';
import { useRealNetwork } from './support/simulator-fixtures.js';

useRealNetwork();

const servers: SimulatorServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: SimulatorServerOptions): Promise<{ port: number; base: string }> {
  const server = new SimulatorServer(options);
  servers.push(server);
  const base = await server.listen();
  return { base, port: Number(new URL(base).port) };
}

/** A raw client: what it received, and when (ms after connecting) the server closed it. */
interface RawClient {
  readonly socket: Socket;
  readonly received: () => string;
  readonly closedAfterMs: Promise<number>;
}

function rawClient(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    let text = '';
    const opened = Date.now();
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => {});
    const closedAfterMs = new Promise<number>((done) => socket.once('close', () => done(Date.now() - opened)));
    socket.once('connect', () => resolve({ socket, received: () => text, closedAfterMs }));
    socket.once('error', reject);
  });
}

/** Writes `text` one byte every `everyMs` until the socket closes or `text` runs out. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer);
    socket.write(text[at++]!);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

/** One GET on a connection of its own (no keep-alive pool): status, body and time taken. */
function get(url: string): Promise<{ status: number; text: string; ms: number }> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: Date.now() - start }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('SimulatorServer against slow clients', () => {
  it('cuts a client sending its request body byte by byte after requestTimeoutMs (408) while serving others', async () => {
    const { port, base } = await start({ requestTimeoutMs: 1500, headersTimeoutMs: 1000 });
    const slow = await rawClient(port);
    slow.socket.write('POST /api/v3/singlequdit/post_job HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n');
    trickle(slow.socket, `{"payload": ${' '.repeat(99_000)}`, 50);
    const others: { status: number; ms: number }[] = [];
    let cut = false;
    void slow.closedAfterMs.then(() => (cut = true));
    while (!cut) {
      others.push(await get(`${base}/api/v3/singlequdit/get_config`));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Cut in about requestTimeoutMs (Node's default would be 300 s), with a 408.
    expect(await slow.closedAfterMs).toBeLessThan(4000);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(others.length).toBeGreaterThan(3);
    expect(others.every((answer) => answer.status === 200)).toBe(true);
    expect(Math.max(...others.map((answer) => answer.ms))).toBeLessThan(1000);
  }, 15_000);

  it('cuts a client that never finishes its headers after headersTimeoutMs', async () => {
    const { port } = await start({ headersTimeoutMs: 1000, requestTimeoutMs: 5000 });
    const slow = await rawClient(port);
    trickle(slow.socket, `GET /api/v3/singlequdit/get_config HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(1000)}`, 50);
    expect(await slow.closedAfterMs).toBeLessThan(3500);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
  }, 10_000);
});

describe('SimulatorServer connection caps', () => {
  it('answers a client beyond maxConnectionsPerClient with a status-shaped 503, and serves it again once its slow connections are cut', async () => {
    const { port, base } = await start({ maxConnectionsPerClient: 3, headersTimeoutMs: 1000, requestTimeoutMs: 1000 });
    const loris = await Promise.all([1, 2, 3].map(() => rawClient(port)));
    for (const client of loris) trickle(client.socket, `GET /api/v3/singlequdit/get_config HTTP/1.1\r\nHost: x\r\n${'X'.repeat(1000)}`, 100);
    const refused = await get(`${base}/api/v3/singlequdit/get_config`);
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.text)).toEqual({
      job_id: 'None',
      status: 'ERROR',
      detail: 'This server already serves 3 open connections from one client (maxConnectionsPerClient); close idle connections or retry later.',
      error_message: 'Too many connections!',
    });
    await Promise.all(loris.map((client) => client.closedAfterMs));
    const served = await get(`${base}/api/v3/singlequdit/get_config`);
    expect(served.status).toBe(200);
  }, 10_000);

  it('answers a connection beyond maxConnections with a 503 and a Retry-After, never routing its request', async () => {
    const { port, base } = await start({ maxConnections: 2, retryAfterSeconds: 7 });
    await Promise.all([1, 2].map(() => rawClient(port)));
    const over = await rawClient(port);
    over.socket.write('POST /api/v3/singlequdit/post_job HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}');
    await over.closedAfterMs;
    expect(over.received()).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(over.received()).toContain('retry-after: 7\r\n');
    expect(over.received()).toContain('2 open connections in all (maxConnections)');
    // Its request never reached the routes: exactly one answer on the socket.
    expect(over.received().match(/HTTP\/1\.1/g)).toHaveLength(1);
    for (const socket of sockets.splice(0)) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await get(`${base}/api/v3/singlequdit/get_config`)).status).toBe(200);
  }, 10_000);
});
