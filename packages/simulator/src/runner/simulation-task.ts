/**
 * What a worker thread runs: one experiment of one job. Loaded by the worker pool by file name,
 * so it imports only the physics (no server or runner state lives in a worker).
 */
import { simulateExperiment } from '../physics/distribution.js';
import { SimulationError, type SimBackend, type SimExperiment } from '../physics/experiment.js';

/** One experiment to simulate on one backend. */
export interface SimulationTask {
  readonly backend: SimBackend;
  readonly experiment: SimExperiment;
}

/**
 * The memory of the experiment, or why it failed. Failures are returned rather than thrown:
 * structured cloning keeps only the message of an error, and the runner needs to tell the
 * simulator's own run failures (reported like the reference's ValueErrors) from anything else.
 */
export type SimulationAnswer =
  | { readonly memory: string[] }
  | { readonly failure: string; readonly kind: 'run' | 'internal' };

/** The worker entry point (the pool calls it by this name). */
export function simulateTask(task: SimulationTask): SimulationAnswer {
  try {
    return { memory: simulateExperiment(task.backend, task.experiment).memory };
  } catch (error) {
    if (error instanceof SimulationError) return { failure: error.message, kind: 'run' };
    return { failure: error instanceof Error ? error.message : String(error), kind: 'internal' };
  }
}
