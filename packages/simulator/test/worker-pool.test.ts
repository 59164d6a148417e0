import { threadId as mainThreadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { AbortError, ColdAtomError } from '@coldatom/core';
import { JobRunner, LocalBackend } from '@coldatom/simulator';
import { WorkerPool } from '../src/internal/worker-pool.js';
import { simulationPool } from '../src/runner/simulation-pool.js';
import type { ThreadTask } from './fixtures/thread-tasks.js';
import { multiquditFull } from './support/payloads.js';
import { rabi } from './support/simulator-fixtures.js';

const tasks = new URL('./fixtures/thread-tasks.ts', import.meta.url);

describe('the worker pool', () => {
  const where = new WorkerPool<ThreadTask, { isMainThread: boolean; threadId: number }>(tasks, 'test.thread-tasks', { threads: 2 });
  const spinner = new WorkerPool<ThreadTask, number>(tasks, 'test.thread-tasks', { threads: 1 });
  afterAll(async () => Promise.all([where.destroy(), spinner.destroy()]));

  it("runs every task on a worker thread, never on the caller's, with at most `threads` threads", async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => where.run({ kind: 'where' })));
    expect(answers.every((a) => !a.isMainThread && a.threadId !== mainThreadId)).toBe(true);
    expect(new Set(answers.map((a) => a.threadId)).size).toBeLessThanOrEqual(2);
    expect(where.threads).toBe(2);
    expect(where.completed).toBe(6);
  });

  it('stops a running task when its signal aborts, rejecting with AbortError, and keeps serving afterwards', async () => {
    const controller = new AbortController();
    const running = spinner.run({ kind: 'spin', ms: 20_000 }, controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(running).rejects.toThrow(AbortError);
    await expect(running).rejects.toThrow(/aborted/);
    await expect(spinner.run({ kind: 'spin', ms: 0 })).resolves.toBeGreaterThanOrEqual(0);
  });

  it('rejects with a ColdAtomError carrying the message a task threw, and the thread keeps serving', async () => {
    const thrown = spinner.run({ kind: 'throw', message: 'boom in a worker' });
    await expect(thrown).rejects.toThrow(ColdAtomError);
    await expect(thrown).rejects.toThrow('boom in a worker');
    await expect(spinner.run({ kind: 'spin', ms: 0 })).resolves.toBeGreaterThanOrEqual(0);
  });
});

describe('local jobs', () => {
  it('are simulated on the shared pool of worker threads in batches of experiments, in order', async () => {
    const backend = new LocalBackend('singlequdit');
    const experiments = Array.from(
      { length: 12 },
      (_, i) => [`experiment_${i}`, rabi(i % 2 === 0 ? 0 : Math.PI, { seed: i, shots: 5 }).experiment_0!] as const,
    );
    const before = simulationPool().completed;
    const { jobId } = await backend.submit(Object.fromEntries(experiments));
    await expect.poll(async () => (await backend.jobStatus(jobId)).state, { timeout: 20_000, interval: 5 }).toBe('DONE');
    const tasks = simulationPool().completed - before;
    // Two batches per thread at most, never one message per experiment.
    expect(tasks).toBeGreaterThan(0);
    expect(tasks).toBeLessThanOrEqual(2 * simulationPool().threads);
    expect(tasks).toBeLessThan(experiments.length);
    const result = await backend.jobResult(jobId);
    if (!result.ready) throw new Error('not ready');
    expect(result.result.results.map((r) => r.data.memory[0])).toEqual(experiments.map((_, i) => (i % 2 === 0 ? '0' : '50')));
  });

  it('end in ERROR naming the limit when a real simulation outlasts jobTimeLimitMs', async () => {
    const runner = new JobRunner({ jobTimeLimitMs: 1 });
    const backend = new LocalBackend('multiqudit', { runner });
    const { jobId } = await backend.submit(multiquditFull());
    await expect.poll(async () => (await backend.jobStatus(jobId)).state, { timeout: 20_000, interval: 5 }).toBe('ERROR');
    expect((await backend.jobStatus(jobId)).errorMessage).toMatch(/longer than this simulator's limit of 1 ms per job \(jobTimeLimitMs\)/);
  });
});
