/**
 * The entry module of a simulation Web Worker: the same engine as Node's worker threads
 * (simulateBatch), serving batches posted by web-platform.ts. It imports only the physics.
 */
import { serveInWebWorker } from '../internal/web-worker-pool.js';
import { simulateBatch, type BatchAnswer, type SimulationBatch } from './simulation-task.js';

serveInWebWorker<SimulationBatch, BatchAnswer[]>((batch) => {
  const answer = simulateBatch(batch);
  // Shots move to the page rather than being copied.
  return { answer, transfer: answer.flatMap((a) => ('picks' in a && a.picks.buffer instanceof ArrayBuffer ? [a.picks.buffer] : [])) };
});
