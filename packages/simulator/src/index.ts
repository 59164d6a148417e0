export { exactDistribution, probabilities, sampleMemory, simulateExperiment } from './physics/distribution.js';
export { SimulationError } from './physics/experiment.js';
export type { SimBackend, SimExperiment } from './physics/experiment.js';
