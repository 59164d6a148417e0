/**
 * The process-wide pool of simulation threads. Its workers re-enter this very module (see
 * worker-pool.ts), which is what lets an application bundled into one file still start them.
 */
import { serveIfPoolWorker, WorkerPool } from '../internal/worker-pool.js';
import type { SimBackend, SimExperiment } from '../physics/experiment.js';
import { answerOf, simulateBatch, type BatchAnswer, type SimulationAnswer, type SimulationBatch } from './simulation-task.js';

const SERVICE = 'coldatom.simulation';

// In a simulation worker this serves batches and never returns (nothing below runs there).
serveIfPoolWorker<SimulationBatch, BatchAnswer[]>(SERVICE, (batch) => {
  const answer = simulateBatch(batch);
  return { answer, transfer: answer.flatMap((a) => ('picks' in a && a.picks.buffer instanceof ArrayBuffer ? [a.picks.buffer] : [])) };
});

let shared: WorkerPool<SimulationBatch, BatchAnswer[]> | undefined;

/**
 * The process-wide pool of simulation threads (one per core), shared by every runner so that a
 * server and any number of local backends never run more physics threads than there are cores.
 * Created on first use; idle threads exit after a while and never keep the process alive.
 */
export function simulationPool(): WorkerPool<SimulationBatch, BatchAnswer[]> {
  shared ??= new WorkerPool<SimulationBatch, BatchAnswer[]>(new URL(import.meta.url), SERVICE);
  return shared;
}

/**
 * Simulates a job's experiments on the pool, one batch per thread (one message each way per
 * thread: on a busy machine every wake-up of a thread costs the serving thread its core for a
 * while, so fewer round trips beat finer batches), answering in order. Batches take every
 * `threads`-th experiment, so the costs of a scan whose points differ (Chebyshev terms grow with
 * the drive, support with the angle) are shared evenly; a thread's caches still serve all its
 * points. A batch that fails as a whole (its thread died or was stopped) fails its experiments.
 */
export async function simulateOnPool(backend: SimBackend, experiments: readonly SimExperiment[], signal: AbortSignal): Promise<SimulationAnswer[]> {
  const pool = simulationPool();
  const count = Math.max(1, Math.min(experiments.length, pool.threads));
  const answers = new Array<SimulationAnswer>(experiments.length);
  await Promise.all(
    Array.from({ length: count }, async (_, b) => {
      const batch: SimExperiment[] = [];
      for (let i = b; i < experiments.length; i += count) batch.push(experiments[i]!);
      let answered: SimulationAnswer[];
      try {
        answered = (await pool.run({ backend, experiments: batch }, signal)).map(answerOf);
      } catch (error) {
        const failure = { failure: error instanceof Error ? error.message : String(error), kind: 'internal' as const };
        answered = batch.map(() => failure);
      }
      for (let k = 0; k < batch.length; k++) answers[b + k * count] = answered[k]!;
    }),
  );
  return answers;
}
