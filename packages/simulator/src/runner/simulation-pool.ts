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
 * Simulates a job's experiments on the pool in a few batches of consecutive experiments (two per
 * thread, so both cores stay busy and a thread's caches serve many points of a scan), answering
 * in order. A batch that fails as a whole (its thread died or was stopped) fails its experiments.
 */
export async function simulateOnPool(backend: SimBackend, experiments: readonly SimExperiment[], signal: AbortSignal): Promise<SimulationAnswer[]> {
  const pool = simulationPool();
  const count = Math.min(experiments.length, pool.threads * 2);
  const size = Math.ceil(experiments.length / Math.max(1, count));
  const batches: SimExperiment[][] = [];
  for (let i = 0; i < experiments.length; i += size) batches.push(experiments.slice(i, i + size));
  const answers = await Promise.all(batches.map(async (batch) => {
    try {
      return (await pool.run({ backend, experiments: batch }, signal)).map(answerOf);
    } catch (error) {
      const failure = { failure: error instanceof Error ? error.message : String(error), kind: 'internal' as const };
      return batch.map(() => failure);
    }
  }));
  return answers.flat();
}
