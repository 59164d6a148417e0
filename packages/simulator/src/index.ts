import { registerBackendScheme } from '@coldatom/core';
import { localBackendFor } from './local-backend.js';
import { nodePlatform } from './runner/node-platform.js';
import { installSimulationPlatform } from './runner/simulation-platform.js';

// The Node entry (browser.ts is the page's, chosen by the `browser` export condition): jobs are
// simulated on worker threads.
installSimulationPlatform(nodePlatform);
// Importing the simulator makes `backendFor('local:<name>')` work (core cannot depend on us).
registerBackendScheme('local', localBackendFor);

// ── Local backends: `backendFor('local:<name>')`, or constructed directly ──────────────────────────
export { LocalBackend } from './local-backend.js';
export type { LocalBackendOptions } from './local-backend.js';

// ── Exact simulation of a payload, without jobs ─────────────────────────────────────────────────────
export { exactDistribution, probabilities, sampleMemory, simulateExperiment } from './physics/distribution.js';
export { SimulationError } from './physics/experiment.js';
export type { SimBackend, SimExperiment } from './physics/experiment.js';

// ── The qlued-compatible HTTP server (`coldatom serve`) ────────────────────────────────────────────
export { SimulatorServer } from './server/simulator-server.js';
export type { SimulatorServerOptions } from './server/simulator-server.js';
export { CorsOriginError } from './server/cors-policy.js';
export { ResultStoreError } from './server/result-store.js';
export type { ResultStoreOptions } from './server/result-store.js';
export { pythonJson, pythonFloat } from './server/python-json.js';
export type { PythonJsonOptions } from './server/python-json.js';

// ── The job runner, for embedding the simulator in another server ──────────────────────────────────
export { JobRunner } from './runner/job-runner.js';
export type { ExperimentExecutor, JobRunnerOptions, ResultSink, RunnerCloseOptions } from './runner/job-runner.js';
export type { SimulationAnswer, SimulationTask } from './runner/simulation-task.js';
export { QueueFullError, SimulatorClosedError } from './runner/runner-errors.js';
