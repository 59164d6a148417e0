/**
 * The simulator in a web page (the `browser` export condition picks this entry): `local:` backends
 * simulated on Web Workers with the same engine as Node's worker threads. The HTTP server is
 * Node's alone and is not here; a page reaches one with `backendFor(url, { token })` instead.
 */
import { registerBackendScheme } from '@coldatom/core';
import { localBackendFor } from './local-backend.js';
import { installSimulationPlatform } from './runner/simulation-platform.js';
import { webPlatform } from './runner/web-platform.js';

installSimulationPlatform(webPlatform);
// Importing the simulator makes `backendFor('local:<name>')` work (core cannot depend on us).
registerBackendScheme('local', localBackendFor);

// ── Local backends: `backendFor('local:<name>')`, or constructed directly ──────────────────────────
export { LocalBackend } from './local-backend.js';
export type { LocalBackendOptions } from './local-backend.js';

// ── Exact simulation of a payload, without jobs (on the calling thread) ────────────────────────────
export { exactDistribution, probabilities, sampleMemory, simulateExperiment } from './physics/distribution.js';
export { SimulationError } from './physics/experiment.js';
export type { SimBackend, SimExperiment } from './physics/experiment.js';

// ── The job runner ──────────────────────────────────────────────────────────────────────────────────
export { JobRunner } from './runner/job-runner.js';
export type { ExperimentExecutor, JobRunnerOptions, ResultSink, RunnerCloseOptions } from './runner/job-runner.js';
export type { SimulationAnswer, SimulationTask } from './runner/simulation-task.js';
export { QueueFullError, SimulatorClosedError } from './runner/runner-errors.js';
