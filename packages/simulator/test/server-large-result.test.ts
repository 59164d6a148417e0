/**
 * Issue 16 (2): one large result froze the server (its JSON was built whole on the event loop when
 * fetched; at 10 × 10⁶ shots a concurrent get_config waited 12.7 s). Reproduced at a bounded size
 * in a child process, measured from outside as a client sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigPayload, configLatencies, drain, runJob, startChildServer, type ChildServer } from './support/child-server.js';
import { useRealNetwork } from './support/simulator-fixtures.js';

useRealNetwork();

// 3 × 10⁶ shots: about 18 MB of JSON, which the old server serialised in about 3 s on the event loop.
const EXPERIMENTS = 3;
const SHOTS = 1_000_000;

let server: ChildServer;
beforeAll(async () => {
  server = await startChildServer({ results: { memoryBytes: 8 * 2 ** 20 } });
});
afterAll(async () => {
  await server?.close();
});

describe('SimulatorServer with a large result (child process)', () => {
  it('keeps answering get_config within a bounded time while a 3 × 10⁶-shot result is stored and fetched', async () => {
    const finishing = runJob(server.url, bigPayload(EXPERIMENTS, SHOTS));
    const whileStoring = await configLatencies(server.url, finishing);
    const { jobId, status } = await finishing;
    expect(status).toBe('DONE');

    const fetching = fetch(`${server.url}/api/v3/singlequdit/get_job_result?job_id=${jobId}`).then(async (res) => ({
      length: Number(res.headers.get('content-length')),
      ...(await drain(res)),
    }));
    const whileFetching = await configLatencies(server.url, fetching);
    const body = await fetching;

    expect(body.bytes).toBe(body.length);
    expect(body.bytes).toBeGreaterThan(EXPERIMENTS * SHOTS * 4);
    expect(body.head).toMatch(/^\{"backend_name": "alqor_singlequdit_simulator", /);
    expect(body.tail).toMatch(/\]\}\}\]\}$/);
    // The old server stalled every other request for seconds; now each waits at most a few slices.
    expect(Math.max(...whileStoring, ...whileFetching)).toBeLessThan(750);
    expect(whileFetching.length).toBeGreaterThan(0);
    // The child's peak memory (all threads): about 300 MB here, 650 MB when the text was built whole.
    expect(await server.peakRssKb()).toBeLessThan(450 * 1024);
  }, 90_000);

  it('refuses a job beyond the shot cap with a 413 before doing any work', async () => {
    const res = await fetch(`${server.url}/api/v3/singlequdit/post_job`, { method: 'POST', body: JSON.stringify({ payload: bigPayload(100, 1_000_000) }) });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { status: string; detail: string; error_message: string };
    expect(body).toMatchObject({ status: 'ERROR', error_message: 'Job too large!' });
    expect(body.detail).toContain('100000000 shots in all (100 experiments)');
    expect(body.detail).toContain('limit is 10000000 shots per job');
    expect(body.detail).toContain('maxShotsPerJob');
  });
});
