/**
 * A job's experiments split into batches for a pool of workers (Node's worker threads or a page's
 * Web Workers), answering in order. One batch per worker (one message each way per worker: on a
 * busy machine every wake-up of a worker costs the serving thread its core for a while, so fewer
 * round trips beat finer batches). Batches take every `threads`-th experiment, so the costs of a
 * scan whose points differ (Chebyshev terms grow with the drive, support with the angle) are shared
 * evenly; a worker's caches still serve all its points. Results do not depend on the split: every
 * experiment is sampled from its own seed. A batch that fails as a whole (its worker died or was
 * stopped) fails its experiments.
 */
import type { SimBackend, SimExperiment } from '../physics/experiment.js';
import { answerOf, type BatchAnswer, type SimulationAnswer, type SimulationBatch } from './simulation-task.js';

/** A pool as batching needs it: how many workers, and running one batch. */
export interface BatchPool {
  readonly threads: number;
  run(batch: SimulationBatch, signal?: AbortSignal): Promise<BatchAnswer[]>;
}

/** Simulates a job's experiments on the pool, one strided batch per worker, answering in order. */
export async function simulateInBatches(
  pool: BatchPool,
  backend: SimBackend,
  experiments: readonly SimExperiment[],
  signal: AbortSignal,
): Promise<SimulationAnswer[]> {
  const count = Math.max(1, Math.min(experiments.length, pool.threads));
  const answers = new Array<SimulationAnswer>(experiments.length);
  await Promise.all(
    Array.from({ length: count }, async (_, b) => {
      const batch = experiments.filter((_, i) => i % count === b);
      let answered: SimulationAnswer[];
      try {
        answered = (await pool.run({ backend, experiments: batch }, signal)).map(answerOf);
      } catch (error) {
        const failure = { failure: error instanceof Error ? error.message : String(error), kind: 'internal' as const };
        answered = batch.map(() => failure);
      }
      answered.forEach((answer, k) => {
        answers[b + k * count] = answer;
      });
    }),
  );
  return answers;
}
