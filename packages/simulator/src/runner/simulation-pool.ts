/**
 * The process-wide pool of simulation threads. Its workers re-enter this very module (see
 * worker-pool.ts), which is what lets an application bundled into one file still start them.
 */
import { serveIfPoolWorker, WorkerPool } from '../internal/worker-pool.js';
import type { SimBackend, SimExperiment } from '../physics/experiment.js';
import { simulateInBatches } from './batched-simulation.js';
import { simulateBatch, type BatchAnswer, type SimulationAnswer, type SimulationBatch } from './simulation-task.js';

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

/** Simulates a job's experiments on the process-wide pool (see {@link simulateInBatches}). */
export function simulateOnPool(backend: SimBackend, experiments: readonly SimExperiment[], signal: AbortSignal): Promise<SimulationAnswer[]> {
  return simulateInBatches(simulationPool(), backend, experiments, signal);
}
