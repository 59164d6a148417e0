/**
 * Issue 16 (2): the server's memory is bounded in bytes. Finished results are held in memory up to
 * `results.memoryBytes`, spilled to the data directory beyond, forgotten beyond `results.diskBytes`
 * or after `results.maxAgeMs`; a job's shots are capped (`maxShotsPerJob`, 413).
 */
import { readdir, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimulatorServer, pythonJson, type ExperimentExecutor, type SimulatorServerOptions } from '@coldatom/simulator';
import { pythonJsonPieces } from '../src/server/python-json.js';
import { exchange, listVectors, rabi, readVector, useRealNetwork } from './support/simulator-fixtures.js';

useRealNetwork();

/** Every experiment measures `1` on every shot: results of a known, deterministic size. */
const ones: ExperimentExecutor = (task) => Promise.resolve({ memory: new Array<string>(task.experiment.shots).fill('1') });

const servers: SimulatorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: SimulatorServerOptions): Promise<{ server: SimulatorServer; base: string }> {
  const server = new SimulatorServer({ executor: ones, ...options });
  servers.push(server);
  return { server, base: await server.listen() };
}

async function post(base: string, payload: unknown): Promise<{ status: number; body: Record<string, string> }> {
  const answer = await exchange(`${base}/api/v3/singlequdit/post_job`, { method: 'POST', body: JSON.stringify({ payload }) });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, string> };
}

/** Posts a job and waits until it leaves INITIALIZING; answers its id. */
async function finished(server: SimulatorServer, base: string, payload: unknown): Promise<string> {
  const jobId = (await post(base, payload)).body.job_id!;
  await vi.waitFor(() => expect(server.jobStatus(jobId)?.status).not.toBe('INITIALIZING'), { timeout: 10_000, interval: 5 });
  return jobId;
}

const result = (base: string, jobId: string): ReturnType<typeof exchange> => exchange(`${base}/api/v3/singlequdit/get_job_result?job_id=${jobId}`);
const status = (base: string, jobId: string): ReturnType<typeof exchange> => exchange(`${base}/api/v3/singlequdit/get_job_status?job_id=${jobId}`);
/** A result as the reference writes it: re-serialising the parsed text gives the same bytes. */
const asReference = (text: string): string => pythonJson(JSON.parse(text), { floatKeys: ['params'] });

describe('pythonJsonPieces', () => {
  it.each(listVectors('responses/result'))('joins to exactly pythonJson of %s, sliced or not', (file) => {
    const body = readVector<{ body: unknown }>(file).body;
    for (const slice of [1, 3, 8192])
      expect([...pythonJsonPieces(body, { floatKeys: ['params'] }, slice)].join('')).toBe(pythonJson(body, { floatKeys: ['params'] }));
  });

  it('writes long arrays of strings, floats (-0 included) and objects in slices, each escaped as Python does', () => {
    const value = { memory: ['1 0', 'é', '1 0', '"q"'], params: [0, -0, 1e-5, 50, 1e16], nested: [[1, 2], { a: [3] }, null] };
    const pieces = [...pythonJsonPieces(value, { floatKeys: ['params'] }, 2)];
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(pythonJson(value, { floatKeys: ['params'] }));
  });
});

describe('SimulatorServer result storage', () => {
  it('holds results within results.memoryBytes and spills the oldest to its data directory, serving every one byte for byte', async () => {
    const { server, base } = await start({ results: { memoryBytes: 20_000 } });
    // About 2.9 kB each: 10 of them are more than the memory budget.
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await finished(server, base, rabi(1, { shots: 500 })));
    await vi.waitFor(() => expect(server.resultUsage.memoryBytes).toBeLessThanOrEqual(20_000), { timeout: 5000, interval: 5 });
    expect(server.resultUsage).toMatchObject({ results: 10, diskBytes: expect.any(Number) });
    expect(server.resultUsage.diskBytes).toBeGreaterThan(8000);
    const files = await readdir(server.dataDirectory!);
    expect(files.length).toBeGreaterThanOrEqual(3);
    // Spilled results are private to the server's user.
    expect((await stat(`${server.dataDirectory!}/${files[0]!}`)).mode & 0o777).toBe(0o600);
    const first = await result(base, ids[0]!);
    const last = await result(base, ids[9]!);
    expect(first.status).toBe(200);
    expect(first.text).toBe(asReference(first.text));
    expect(first.text.replace(ids[0]!, 'ID')).toBe(last.text.replace(ids[9]!, 'ID'));
    expect(JSON.parse(first.text)).toMatchObject({ job_id: ids[0], results: [{ shots: 500, data: { memory: expect.any(Array) } }] });
  });

  it('writes a result larger than a quarter of the memory budget straight to disk', async () => {
    const { server, base } = await start({ results: { memoryBytes: 8000 } });
    const jobId = await finished(server, base, rabi(1, { shots: 2000 }));
    expect(server.resultUsage.memoryBytes).toBe(0);
    expect(server.resultUsage.diskBytes).toBeGreaterThan(10_000);
    const answer = await result(base, jobId);
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.text) as { results: { data: { memory: string[] } }[] }).results[0]!.data.memory).toHaveLength(2000);
  });

  it('forgets the oldest jobs beyond results.diskBytes: their ids then read as unknown (406), newer ones are served', async () => {
    const { server, base } = await start({ results: { memoryBytes: 0, diskBytes: 10_000 } });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await finished(server, base, rabi(1, { shots: 500 })));
    expect(server.resultUsage.diskBytes).toBeLessThanOrEqual(10_000);
    const oldest = await status(base, ids[0]!);
    expect(oldest.status).toBe(406);
    expect(JSON.parse(oldest.text)).toMatchObject({ status: 'ERROR', error_message: `Missing status file for ${ids[0]!}.` });
    expect((await result(base, ids[0]!)).status).toBe(406);
    expect((await result(base, ids[5]!)).status).toBe(200);
    expect(server.jobStatus(ids[0]!)).toBeUndefined();
  });

  it('keeps results in memory only and forgets the oldest beyond memoryBytes when diskBytes is 0', async () => {
    const { server, base } = await start({ results: { memoryBytes: 16_000, diskBytes: 0 } });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await finished(server, base, rabi(1, { shots: 500 })));
    await vi.waitFor(() => expect(server.resultUsage.memoryBytes).toBeLessThanOrEqual(16_000), { timeout: 5000, interval: 5 });
    expect(server.resultUsage.diskBytes).toBe(0);
    expect((await status(base, ids[0]!)).status).toBe(406);
    expect((await result(base, ids[7]!)).status).toBe(200);
  });

  it('ends a job in ERROR naming the per-result memory limit when nothing may spill (diskBytes 0)', async () => {
    const { server, base } = await start({ results: { memoryBytes: 4000, diskBytes: 0 } });
    const jobId = await finished(server, base, rabi(1, { shots: 500 }));
    expect(JSON.parse((await status(base, jobId)).text)).toMatchObject({
      status: 'ERROR',
      error_message: expect.stringContaining('limit of 1000 bytes per result held in memory (a quarter of results.memoryBytes; results.diskBytes is 0)'),
    });
  });

  it('forgets results older than results.maxAgeMs', async () => {
    const { server, base } = await start({ results: { maxAgeMs: 100 } });
    const jobId = await finished(server, base, rabi(1));
    expect((await result(base, jobId)).status).toBe(200);
    await vi.waitFor(async () => expect((await status(base, jobId)).status).toBe(406), { timeout: 3000, interval: 50 });
    expect(server.resultUsage.results).toBe(0);
  });

  it('ends a job in ERROR, naming the limit, when its result alone is larger than the storage', async () => {
    const { server, base } = await start({ results: { memoryBytes: 0, diskBytes: 1000 } });
    const jobId = await finished(server, base, rabi(1, { shots: 1000 }));
    const answer = await status(base, jobId);
    expect(answer.status).toBe(406);
    expect(JSON.parse(answer.text)).toMatchObject({
      status: 'ERROR',
      error_message: expect.stringContaining('result storage of 1000 bytes (results.diskBytes)'),
    });
    expect(server.resultUsage).toEqual({ memoryBytes: 0, diskBytes: 0, results: 0 });
    expect(await readdir(server.dataDirectory!)).toEqual([]);
  });

  it('removes its data directory with every stored result on close', async () => {
    const { server, base } = await start({ results: { memoryBytes: 0 } });
    await finished(server, base, rabi(1, { shots: 100 }));
    const directory = server.dataDirectory!;
    expect(await readdir(directory)).toHaveLength(1);
    await server.close();
    await expect(stat(directory)).rejects.toThrow(/ENOENT/);
  });

  it('fails listen() with a clear error when the data directory cannot be made', async () => {
    const server = new SimulatorServer({ results: { directory: '/nonexistent/coldatom-test' } });
    await expect(server.listen()).rejects.toThrow(/cannot make its data directory in \/nonexistent\/coldatom-test \(results\.directory\)/);
  });
});

describe('SimulatorServer shot cap', () => {
  it('refuses a job asking for more than maxShotsPerJob shots in all with a status-shaped 413 naming the limit, on v2 and v3', async () => {
    const { server, base } = await start({ maxShotsPerJob: 100 });
    const payload = { a: rabi(1, { shots: 60 }).experiment_0, b: rabi(1, { shots: 41 }).experiment_0 };
    const v3 = await post(base, payload);
    const v2 = await exchange(`${base}/api/v2/singlequdit/post_job`, { method: 'POST', body: JSON.stringify({ job: JSON.stringify(payload), token: 'any' }) });
    for (const answer of [v3, { status: v2.status, body: JSON.parse(v2.text) as Record<string, string> }]) {
      expect(answer.status).toBe(413);
      expect(answer.body).toEqual({
        job_id: 'None',
        status: 'ERROR',
        detail:
          "The job asks for 101 shots in all (2 experiments); this server's limit is 100 shots per job (shots × experiments, maxShotsPerJob). Split it into smaller jobs.",
        error_message: 'Job too large!',
      });
    }
    expect(server.pendingJobs).toBe(0);
    expect((await post(base, { a: payload.a, b: { ...payload.b, shots: 40 } })).status).toBe(200);
  });

  it('caps at 10⁷ shots by default (100 experiments × 10⁶ shots are refused at once)', async () => {
    const { base } = await start({});
    const experiment = rabi(1, { shots: 1_000_000 }).experiment_0;
    const answer = await post(base, Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`experiment_${i}`, experiment])));
    expect(answer.status).toBe(413);
    expect(answer.body.detail).toContain("this server's limit is 10000000 shots per job");
  });
});
