import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError, RemoteBackend, ServerError, TimeoutError } from '@coldatom/core';
import { outcomeOf } from './support/outcome.js';
import { recorder } from './support/retry-recorder.js';

const HOST = 'https://qlued.example.org';
const PAYLOAD = {
  experiment_0: { instructions: [['measure', [0], []]] as [string, number[], number[]][], shots: 1, num_wires: 1, wire_order: 'interleaved' as const },
};
const STATUS = { job_id: 'j1', status: 'INITIALIZING', detail: 'Got your json.', error_message: 'None' };

/** A stalled server for nock: it takes the request and holds its answer until the test releases it. */
function heldReply(
  status: number,
  body: unknown,
): { readonly requests: number; readonly reply: () => Promise<[number, unknown]>; readonly release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const server = {
    requests: 0,
    reply: async (): Promise<[number, unknown]> => {
      server.requests++;
      await released;
      return [status, body];
    },
    release,
  };
  return server;
}

/** A fetch whose server never answers: it settles only when its request is aborted, with the signal's reason, as fetch does. */
function silentFetch(): { readonly calls: number; readonly fetch: typeof fetch } {
  const silent = {
    calls: 0,
    fetch: (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      silent.calls++;
      return new Promise((_resolve, reject) => {
        const signal = init?.signal;
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
  };
  return silent;
}

// Deadlines are per-attempt setTimeouts and retry waits go through an injected sleep, so fake timers
// drive every spec below: none waits on the wall clock.
afterEach(() => {
  vi.useRealTimers();
});

/** A status endpoint that answers 503 twice, then DONE `doneTimes` times. */
function busyThenDone(doneTimes: number): nock.Scope {
  return nock(HOST)
    .get('/api/v3/singlequdit/get_job_status')
    .query(true)
    .times(2)
    .reply(503, 'busy')
    .get('/api/v3/singlequdit/get_job_status')
    .query(true)
    .times(doneTimes)
    .reply(200, { ...STATUS, status: 'DONE' });
}

describe('RemoteBackend retries', () => {
  it('retries an idempotent GET on 503 with growing, jittered backoff, then succeeds', async () => {
    const scope = busyThenDone(1);
    const r = recorder();
    const b = new RemoteBackend(`${HOST}/api/v3/singlequdit`, { token: 'tok-secret-1', retry: { limit: 2, baseDelayMs: 100, maxDelayMs: 1000 }, ...r.options });
    expect((await b.jobStatus('j1')).state).toBe('DONE');
    expect(scope.isDone()).toBe(true);
    expect(r.events.map((e) => e.attempt)).toEqual([1, 2]);
    expect(r.waits[0]).toBeLessThanOrEqual(100);
    expect(r.waits[1]).toBeLessThanOrEqual(200);
    expect(r.events[0]!.error).toBeInstanceOf(ServerError);
  });

  it("leaves at most one listener on a caller's signal, however many calls and retries it sees (a signal may outlive many requests)", async () => {
    const scope = busyThenDone(5);
    const caller = new AbortController();
    const b = new RemoteBackend(`${HOST}/api/v3/singlequdit`, { token: 'tok-secret-1', retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    for (let call = 0; call < 5; call++) expect((await b.jobStatus('j1', { signal: caller.signal })).state).toBe('DONE');
    expect(scope.isDone()).toBe(true);
    expect(getEventListeners(caller.signal, 'abort').length).toBeLessThanOrEqual(1);
  });

  it('gives up after its bounded attempts with the last typed error', async () => {
    nock(HOST).get('/api/v3/singlequdit/get_config').times(3).reply(502, '<html>Bad Gateway</html>');
    const r = recorder();
    const b = new RemoteBackend(`${HOST}/api/v3/singlequdit`, { retry: { limit: 2 }, ...r.options });
    const error = await b.config().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).body).toBe('<html>Bad Gateway</html>');
    expect(r.waits).toHaveLength(2);
  });

  it('honours Retry-After on 429', async () => {
    nock(HOST)
      .get('/api/v3/singlequdit/get_config')
      .reply(429, { detail: 'slow down' }, { 'Retry-After': '7' })
      .get('/api/v3/singlequdit/get_config')
      .reply(200, { n_qubits: 1, backend_name: 'x', gates: [] });
    const r = recorder();
    await new RemoteBackend(`${HOST}/api/v3/singlequdit`, { retry: { maxDelayMs: 50 }, ...r.options }).config();
    expect(r.waits).toEqual([7000]);
  });

  it('repeats post_job the server refused with 429 or with 503 and Retry-After: it took no job', async () => {
    const scope = nock(HOST)
      .post('/api/v3/singlequdit/post_job')
      .reply(429, { detail: 'slow down' }, { 'Retry-After': '2' })
      .post('/api/v3/singlequdit/post_job')
      .reply(503, { detail: 'queue full' }, { 'Retry-After': '1' })
      .post('/api/v3/singlequdit/post_job')
      .reply(200, STATUS);
    const r = recorder();
    const { jobId } = await new RemoteBackend(`${HOST}/api/v3/singlequdit`, { token: 'tok-secret-1', retry: { maxDelayMs: 10 }, ...r.options }).submit(PAYLOAD);
    expect(jobId).toBe('j1');
    expect(scope.isDone()).toBe(true);
    expect(r.waits).toEqual([2000, 1000]);
  });

  it('says a refused post_job left no job once its retries run out', async () => {
    nock(HOST).post('/api/v3/singlequdit/post_job').times(2).reply(503, { detail: 'queue full' }, { 'Retry-After': '1' });
    const r = recorder();
    const error = await new RemoteBackend(`${HOST}/api/v3/singlequdit`, { retry: { limit: 1 }, ...r.options }).submit(PAYLOAD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryAfterMs).toBe(1000);
    expect((error as Error).message).not.toMatch(/may exist/);
  });

  it('never retries post_job on a 503 without Retry-After, and says the job may exist', async () => {
    nock(HOST).post('/api/v3/singlequdit/post_job').once().reply(503, 'busy');
    const r = recorder();
    const error = await new RemoteBackend(`${HOST}/api/v3/singlequdit`, { token: 'tok-secret-1', ...r.options }).submit(PAYLOAD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/may exist on the server/);
    expect(r.waits).toEqual([]);
  });

  it('never retries post_job after a timeout', async () => {
    vi.useFakeTimers();
    const server = heldReply(200, STATUS);
    nock(HOST).post('/api/v3/singlequdit/post_job').once().reply(server.reply);
    const r = recorder();
    const outcome = outcomeOf(new RemoteBackend(`${HOST}/api/v3/singlequdit`, { timeoutMs: 50, ...r.options }).submit(PAYLOAD));
    await vi.advanceTimersByTimeAsync(50);
    expect(outcome.settled).toBe(true);
    const error = await outcome.value;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/within 50 ms .* may exist on the server/);
    expect(r.waits).toEqual([]);
    expect(server.requests).toBe(1);
    server.release();
  });
});

// The same deadline and abort over both exchanges: Node's `node:http` transport (nock holds the
// answer) and the fetch exchange an injected `fetch` (and every browser) goes through.
const stalledServers: [string, () => { readonly options: { fetch?: typeof fetch }; readonly requests: () => number; readonly release: () => void }][] = [
  [
    'over node:http',
    () => {
      const server = heldReply(200, {});
      nock(HOST).get('/api/v3/singlequdit/get_config').reply(server.reply);
      return { options: {}, requests: () => server.requests, release: server.release };
    },
  ],
  [
    'through an injected fetch',
    () => {
      const silent = silentFetch();
      return { options: { fetch: silent.fetch }, requests: () => silent.calls, release: () => undefined };
    },
  ],
];

describe.each(stalledServers)('RemoteBackend deadlines %s', (_transport, stalledServer) => {
  it('times out on slow headers once timeoutMs has passed, not before', async () => {
    vi.useFakeTimers();
    const server = stalledServer();
    const outcome = outcomeOf(new RemoteBackend(`${HOST}/api/v3/singlequdit`, { timeoutMs: 50, retry: { limit: 0 }, ...server.options }).config());
    await vi.advanceTimersByTimeAsync(49);
    expect(server.requests()).toBe(1);
    expect(outcome.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome.settled).toBe(true);
    expect(await outcome.value).toBeInstanceOf(TimeoutError);
    server.release();
  });

  it('stops when the caller aborts', async () => {
    vi.useFakeTimers();
    const server = stalledServer();
    const controller = new AbortController();
    const outcome = outcomeOf(new RemoteBackend(`${HOST}/api/v3/singlequdit`, server.options).config({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(20);
    expect(server.requests()).toBe(1);
    expect(outcome.settled).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome.settled).toBe(true);
    expect(await outcome.value).toBeInstanceOf(AbortError);
    server.release();
  });
});

describe('secrets', () => {
  const TOKEN = 'tok-SECRET-abcdef123456';
  const PASSWORD = 'pw-SECRET-987654';

  it('never appear in an error message, String(), JSON.stringify() or util.inspect()', async () => {
    const errors: unknown[] = [];
    const v2 = new RemoteBackend(`${HOST}/api/v2/singlequdit`, { token: TOKEN, retry: { limit: 0 } });
    const v1 = new RemoteBackend(`${HOST}/api/v1/singlequdit`, { username: 'alice', password: PASSWORD, retry: { limit: 0 } });
    const g1 = new RemoteBackend(`${HOST}/api/singlequdit`, { username: 'alice', password: PASSWORD, retry: { limit: 0 } });
    const v3 = new RemoteBackend(`${HOST}/api/v3/singlequdit`, { token: TOKEN, retry: { limit: 0 }, timeoutMs: 30 });
    const stalled = heldReply(200, {});
    nock(HOST)
      .get('/api/v2/singlequdit/get_job_status')
      .query(true)
      .reply(401, { job_id: 'None', status: 'ERROR', detail: `Invalid token ${TOKEN}`, error_message: 'Invalid credentials!' });
    nock(HOST).get('/api/v2/singlequdit/get_job_result').query(true).reply(500, `<html>${TOKEN}</html>`);
    nock(HOST)
      .post('/api/v2/singlequdit/post_job')
      .reply(422, { detail: [{ type: 'missing', loc: ['body', 'token'], msg: 'Field required', input: { token: TOKEN } }] });
    nock(HOST)
      .get('/api/v1/singlequdit/get_job_status')
      .query(true)
      .reply(404, { job_id: 'None', status: 'ERROR', detail: 'Unknown back-end!', error_message: 'Unknown back-end!' });
    nock(HOST).get('/api/singlequdit/get_job_result/').query(true).reply(200, 'not json');
    nock(HOST).get('/api/v3/singlequdit/get_job_status').query(true).reply(stalled.reply);
    errors.push(await v2.jobStatus('j').catch((e: unknown) => e));
    errors.push(await v2.jobResult('j').catch((e: unknown) => e));
    errors.push(await v2.submit(PAYLOAD).catch((e: unknown) => e));
    errors.push(await v1.jobStatus('j').catch((e: unknown) => e));
    errors.push(await g1.jobResult('j').catch((e: unknown) => e));
    vi.useFakeTimers();
    const timedOut = outcomeOf(v3.jobStatus('j'));
    await vi.advanceTimersByTimeAsync(30);
    stalled.release();
    expect(await timedOut.value).toBeInstanceOf(TimeoutError);
    errors.push(await timedOut.value);
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    for (const error of errors) {
      for (const form of [(error as Error).message, String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
        expect(form).not.toContain(TOKEN);
        expect(form).not.toContain(PASSWORD);
      }
    }
  });
});
