/** The runner on Node: experiments go to the process-wide pool of worker threads. */
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import type { SimulationPlatform } from './simulation-platform.js';
import { simulateOnPool } from './simulation-pool.js';

export const nodePlatform: SimulationPlatform = {
  simulate: simulateOnPool,
  parallelism: availableParallelism,
  allowListeners: (signal, count) => setMaxListeners(count, signal),
};
