/**
 * Where a {@link JobRunner} simulates by default: on Node, the process-wide pool of worker threads;
 * in a web page, a pool of Web Workers. The package entry for each (index.ts, browser.ts, chosen by
 * the `browser` export condition) installs its platform, so the runner itself imports nothing
 * platform-specific and bundles for either.
 */
import { ColdAtomError } from '@coldatom/core/errors';
import type { SimBackend, SimExperiment } from '../physics/experiment.js';
import type { SimulationAnswer } from './simulation-task.js';

/** What the runner needs from its host. */
export interface SimulationPlatform {
  /** Simulates a job's experiments off the caller's thread, answering in order (failures as answers). */
  simulate(backend: SimBackend, experiments: readonly SimExperiment[], signal: AbortSignal): Promise<SimulationAnswer[]>;
  /** Jobs simulated at the same time by default: the cores. */
  parallelism(): number;
  /** Lets one job's signal carry `count` listeners without a leak warning (Node warns beyond 10). */
  allowListeners(signal: AbortSignal, count: number): void;
}

let installed: SimulationPlatform | undefined;

/** Installs the platform; called once by the package entry. */
export function installSimulationPlatform(platform: SimulationPlatform): void {
  installed = platform;
}

/** The installed platform. @throws {ColdAtomError} when the package was not entered through its name */
export function simulationPlatform(): SimulationPlatform {
  if (!installed)
    throw new ColdAtomError(
      "The simulator has no simulation platform: import it as '@coldatom/simulator' (its entry installs the worker pool for Node or the browser)",
    );
  return installed;
}
