import { WorkerPool } from '../internal/worker-pool.js';
import type { SimulationAnswer, SimulationTask } from './simulation-task.js';

let shared: WorkerPool<SimulationTask, SimulationAnswer> | undefined;

/**
 * The process-wide pool of simulation threads (one per core), shared by every runner so that a
 * server and any number of local backends never run more physics threads than there are cores.
 * Created on first use; idle threads exit after a while and never keep the process alive.
 */
export function simulationPool(): WorkerPool<SimulationTask, SimulationAnswer> {
  // Sources run as .ts (tsx, vitest) and the build as .js: the worker file has the same extension.
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  shared ??= new WorkerPool<SimulationTask, SimulationAnswer>(new URL(`./simulation-task.${extension}`, import.meta.url), 'simulateTask');
  return shared;
}
