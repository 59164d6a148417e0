/**
 * The runner in a web page: experiments go to a page-wide pool of Web Workers running the same
 * engine as Node's worker threads, so `local:` backends simulate without a server and without
 * blocking the page.
 */
import { browserCores, WebWorkerPool, type WebWorkerLike } from '../internal/web-worker-pool.js';
import { simulateInBatches } from './batched-simulation.js';
import type { SimulationPlatform } from './simulation-platform.js';
import type { BatchAnswer, SimulationBatch } from './simulation-task.js';

/** The DOM's Worker constructor (the package compiles without the DOM library). */
declare const Worker: new (url: URL, options: { readonly type: 'module'; readonly name: string }) => WebWorkerLike;

let shared: WebWorkerPool<SimulationBatch, BatchAnswer[]> | undefined;

/**
 * The page-wide pool, made on first use. The `new Worker(new URL(…, import.meta.url))` form is
 * what bundlers look for to bundle the worker's entry: keep it literal.
 */
function webSimulationPool(): WebWorkerPool<SimulationBatch, BatchAnswer[]> {
  shared ??= new WebWorkerPool<SimulationBatch, BatchAnswer[]>(
    () => new Worker(new URL('./simulation-web-worker.js', import.meta.url), { type: 'module', name: 'coldatom-simulation' }),
  );
  return shared;
}

export const webPlatform: SimulationPlatform = {
  simulate: (backend, experiments, signal) => simulateInBatches(webSimulationPool(), backend, experiments, signal),
  parallelism: browserCores,
  // EventTarget in browsers has no listener-leak warning.
  allowListeners: () => {},
};
