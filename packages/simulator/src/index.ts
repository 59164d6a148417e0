import { registerBackendScheme } from '@coldatom/core';
import { localBackendFor } from './local-backend.js';

// Importing the simulator makes `backendFor('local:<name>')` work (core cannot depend on us).
registerBackendScheme('local', localBackendFor);

export { exactDistribution, probabilities, sampleMemory, simulateExperiment } from './physics/distribution.js';
export { SimulationError } from './physics/experiment.js';
export type { SimBackend, SimExperiment } from './physics/experiment.js';
export { LocalBackend } from './local-backend.js';
export type { LocalBackendOptions } from './local-backend.js';
export { JobRunner } from './runner/job-runner.js';
export type { ExperimentExecutor, JobRunnerOptions, RunnerCloseOptions } from './runner/job-runner.js';
export type { SimulationAnswer, SimulationTask } from './runner/simulation-task.js';
export { QueueFullError, SimulatorClosedError } from './runner/runner-errors.js';
export { unknownJobStatus } from './runner/job-documents.js';
export type { EchoedInstruction, StoredExperimentResult, StoredResult, StoredStatus } from './runner/job-documents.js';
export { DONE_DETAIL, RECEIVED, failureTexts, runFailureTexts } from './runner/server-texts.js';
export type { FailureTexts } from './runner/server-texts.js';
export { SimulatorServer } from './server/simulator-server.js';
export type { SimulatorServerOptions } from './server/simulator-server.js';
export { pythonJson, pythonFloat } from './server/python-json.js';
export type { PythonJsonOptions } from './server/python-json.js';
