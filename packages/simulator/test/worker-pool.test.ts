import { threadId as mainThreadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { JobRunner, LocalBackend } from '@coldatom/simulator';
import { WorkerPool } from '../src/internal/worker-pool.js';
import { simulationPool } from '../src/runner/simulation-pool.js';
import { rabi } from './support/simulator-fixtures.js';

const tasks = new URL('./fixtures/thread-tasks.ts', import.meta.url);

describe('the worker pool', () => {
  const where = new WorkerPool<void, { isMainThread: boolean; threadId: number }>(tasks, 'whereAmI', { threads: 2 });
  const spinner = new WorkerPool<number, number>(tasks, 'spin', { threads: 1 });
  afterAll(async () => Promise.all([where.destroy(), spinner.destroy()]));

  it('runs every task on a worker thread, never on the caller\'s, with at most `threads` threads', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => where.run()));
    expect(answers.every((a) => !a.isMainThread && a.threadId !== mainThreadId)).toBe(true);
    expect(new Set(answers.map((a) => a.threadId)).size).toBeLessThanOrEqual(2);
    expect(where.threads).toBe(2);
    expect(where.completed).toBe(6);
  });

  it('stops a running task when its signal aborts, and keeps serving afterwards', async () => {
    const controller = new AbortController();
    const running = spinner.run(20_000, controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(running).rejects.toThrow();
    await expect(spinner.run(0)).resolves.toBeGreaterThanOrEqual(0);
  });
});

describe('local jobs', () => {
  it('are simulated on the shared pool of worker threads, one task per experiment', async () => {
    const backend = new LocalBackend('singlequdit');
    const [a, b, c] = [0.3, 0.6, 0.9].map((theta, seed) => rabi(theta, { seed }).experiment_0!);
    const payload = { experiment_0: a!, experiment_1: b!, experiment_2: c! };
    const before = simulationPool().completed;
    const { jobId } = await backend.submit(payload);
    await expect.poll(async () => (await backend.jobStatus(jobId)).state, { timeout: 20_000, interval: 5 }).toBe('DONE');
    expect(simulationPool().completed - before).toBe(3);
  });

  it('end in ERROR naming the limit when a real simulation outlasts jobTimeLimitMs', async () => {
    const runner = new JobRunner({ jobTimeLimitMs: 1 });
    const backend = new LocalBackend('multiqudit', { runner });
    const heavy = { experiment_0: { instructions: [['load', [0], [15]], ['load', [1], [15]], ['load', [2], [15]], ['multiqudit_full', [0, 1, 2], [0.3, 0.2, 0.01, 0.1, 0.05]], ['measure', [0], []]], shots: 10, num_wires: 3, wire_order: 'interleaved' } };
    const { jobId } = await backend.submit(heavy as never);
    await expect.poll(async () => (await backend.jobStatus(jobId)).state, { timeout: 20_000, interval: 5 }).toBe('ERROR');
    expect((await backend.jobStatus(jobId)).errorMessage).toMatch(/longer than this simulator's limit of 1 ms per job \(jobTimeLimitMs\)/);
  });
});
