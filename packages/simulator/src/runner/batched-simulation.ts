/**
 * A job's experiments split into a few batches of consecutive experiments for a pool that is not
 * Node's (the page's Web Workers): two per worker, so every core stays busy and a worker's caches
 * serve many points of a scan. simulation-pool.ts splits its own way, tuned for worker threads;
 * once its split takes the pool as a parameter, this file can go. Results do not depend on the
 * split: every experiment is sampled from its own seed.
 */
import type { SimBackend, SimExperiment } from '../physics/experiment.js';
import { answerOf, type BatchAnswer, type SimulationAnswer, type SimulationBatch } from './simulation-task.js';

/** A pool as batching needs it: how many workers, and running one batch. */
export interface BatchPool {
  readonly threads: number;
  run(batch: SimulationBatch, signal?: AbortSignal): Promise<BatchAnswer[]>;
}

/** Simulates in batches, answering in order; a batch that fails as a whole fails its experiments. */
export async function simulateInBatches(
  pool: BatchPool,
  backend: SimBackend,
  experiments: readonly SimExperiment[],
  signal: AbortSignal,
): Promise<SimulationAnswer[]> {
  const count = Math.min(experiments.length, pool.threads * 2);
  const size = Math.ceil(experiments.length / Math.max(1, count));
  const batches: SimExperiment[][] = [];
  for (let i = 0; i < experiments.length; i += size) batches.push(experiments.slice(i, i + size));
  const answers = await Promise.all(
    batches.map(async (batch) => {
      try {
        return (await pool.run({ backend, experiments: batch }, signal)).map(answerOf);
      } catch (error) {
        const failure = { failure: error instanceof Error ? error.message : String(error), kind: 'internal' as const };
        return batch.map(() => failure);
      }
    }),
  );
  return answers.flat();
}
