import { registerBackendScheme } from '@coldatom/core';
import { LocalBackend } from './local-backend.js';

// Importing the simulator makes `backendFor('local:<name>')` work (core cannot depend on us).
registerBackendScheme('local', (name) => new LocalBackend(name));

export { exactDistribution, probabilities, sampleMemory, simulateExperiment } from './physics/distribution.js';
export { SimulationError } from './physics/experiment.js';
export type { SimBackend, SimExperiment } from './physics/experiment.js';
export { LocalBackend, unknownJob } from './local-backend.js';
export { JobRunner, QueueFullError } from './runner/job-runner.js';
export type { JobRunnerOptions, StoredResult, StoredStatus } from './runner/job-runner.js';
export { DONE_DETAIL, failureTexts } from './runner/server-texts.js';
export { SimulatorServer } from './server/simulator-server.js';
export type { SimulatorServerOptions } from './server/simulator-server.js';
export { pythonJson } from './server/python-json.js';
