import { experimentName, type JobPayload } from '../protocol/payload.js';

/** One job's share of a split payload. */
export interface PayloadChunk {
  /** The job's payload, its experiments renumbered `experiment_0…` in the original order. */
  readonly payload: JobPayload;
  /** The original name of each of the job's experiments: `originals[k]` became `experiment_k`. */
  readonly originals: readonly string[];
}

/**
 * Splits a payload into jobs of at most `size` experiments, keeping the experiments' order. Each job
 * numbers its experiments from `experiment_0` (the server checks each index against
 * `max_experiments`), and `originals` maps them back.
 */
export function splitPayload(payload: JobPayload, size: number): PayloadChunk[] {
  const perJob = Math.max(1, Math.floor(size));
  const entries = Object.entries(payload);
  const chunks: PayloadChunk[] = [];
  for (let i = 0; i < entries.length; i += perJob) {
    const slice = entries.slice(i, i + perJob);
    chunks.push({ payload: Object.fromEntries(slice.map(([, exp], k) => [experimentName(k), exp])), originals: slice.map(([name]) => name) });
  }
  return chunks;
}
