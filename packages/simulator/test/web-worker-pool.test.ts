/**
 * Issue 15 (2): the browser's pool of Web Workers, with the worker played by a fake that answers
 * like `serveInWebWorker` (Node has no Web Workers; the browser test runs the real ones in Chromium).
 */
import { describe, expect, it } from 'vitest';
import { AbortError } from '@coldatom/core';
import { WebWorkerPool, type WebWorkerLike } from '../src/internal/web-worker-pool.js';

type Listener = (event: { readonly data?: unknown; readonly message?: string }) => void;

/** A worker that doubles numbers after `delayMs`, throws on negatives, and fails to load on NaN. */
function fakeWorker(log: string[], delayMs = 5): WebWorkerLike {
  const listeners: Record<string, Listener[]> = { message: [], error: [] };
  let terminated = false;
  const worker = {
    postMessage(message: unknown) {
      const { id, task } = message as { id: number; task: number };
      setTimeout(() => {
        if (terminated) return;
        if (Number.isNaN(task)) {
          for (const l of listeners.error!) l({ message: 'boom' });
          return;
        }
        const data = task < 0 ? { id, error: 'negative' } : { id, answer: task * 2 };
        for (const l of listeners.message!) l({ data });
      }, delayMs);
    },
    addEventListener(type: string, listener: Listener) {
      listeners[type]!.push(listener);
    },
    terminate() {
      terminated = true;
      log.push('terminated');
    },
  };
  return worker as WebWorkerLike;
}

describe('WebWorkerPool', () => {
  it('runs tasks on at most `workers` workers and answers each', async () => {
    const log: string[] = [];
    let spawned = 0;
    const pool = new WebWorkerPool<number, number>(
      () => {
        spawned++;
        return fakeWorker(log);
      },
      { workers: 2 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(n)))).toEqual([2, 4, 6, 8, 10]);
    expect(spawned).toBe(2);
    pool.destroy();
  });

  it('rejects with the worker’s error, and when a worker fails to load', async () => {
    const pool = new WebWorkerPool<number, number>(() => fakeWorker([]), { workers: 1 });
    await expect(pool.run(-1)).rejects.toThrow('negative');
    await expect(pool.run(Number.NaN)).rejects.toThrow('The simulation Web Worker failed: boom');
    expect(await pool.run(4)).toBe(8);
    pool.destroy();
  });

  it('stops a running task by terminating its worker, and drops a queued one', async () => {
    const log: string[] = [];
    const pool = new WebWorkerPool<number, number>(() => fakeWorker(log, 50), { workers: 1 });
    const running = new AbortController();
    const queued = new AbortController();
    const first = pool.run(1, running.signal);
    const second = pool.run(2, queued.signal);
    const third = pool.run(3);
    queued.abort('not needed');
    running.abort('stop');
    await expect(first).rejects.toThrow(AbortError);
    await expect(first).rejects.toThrow('aborted: stop');
    await expect(second).rejects.toThrow('aborted: not needed');
    expect(await third).toBe(6);
    expect(log).toContain('terminated');
    pool.destroy();
  });

  it('terminates idle workers after the idle timeout', async () => {
    const log: string[] = [];
    const pool = new WebWorkerPool<number, number>(() => fakeWorker(log), { workers: 1, idleTimeoutMs: 10 });
    await pool.run(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(log).toEqual(['terminated']);
  });
});
