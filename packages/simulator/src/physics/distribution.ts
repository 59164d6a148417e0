import { uniform } from '../internal/random.js';
import { runExperiment } from './backends.js';
import type { SimBackend, SimExperiment } from './experiment.js';

/** Outcomes below this probability are dropped (the reference vectors omit them too). */
const CUTOFF = 1e-12;

/** Exact outcome distribution, keyed by memory string (`"3"`, `"1 0 1"`); `{}` when nothing is measured. */
export function exactDistribution(backend: SimBackend, experiment: SimExperiment): Record<string, number> {
  const outcome = runExperiment(backend, experiment);
  if (outcome.nothingMeasured) return {};
  const out: Record<string, number> = {};
  outcome.probabilities.forEach((p, i) => {
    if (p === 0) return;
    const key = outcome.memoryOf(i);
    out[key] = (out[key] ?? 0) + p;
  });
  for (const [key, p] of Object.entries(out)) if (p < CUTOFF) delete out[key];
  return out;
}

/** Each experiment's exact distribution, for a whole payload. */
export function probabilities(backend: SimBackend, payload: Readonly<Record<string, SimExperiment>>): Record<string, Record<string, number>> {
  return Object.fromEntries(Object.entries(payload).map(([name, experiment]) => [name, exactDistribution(backend, experiment)]));
}

/**
 * Draws `shots` memory strings from a distribution: one uniform draw and a binary search per shot
 * (O(shots · log outcomes), never shots × dimension); reproducible when seeded.
 */
export function sampleMemory(distribution: Readonly<Record<string, number>>, shots: number, seed?: number | null): string[] {
  const keys = Object.keys(distribution);
  if (keys.length === 0) return [];
  const cumulative = new Float64Array(keys.length);
  let total = 0;
  keys.forEach((k, i) => (cumulative[i] = total += distribution[k]!));
  const next = uniform(seed);
  const memory = new Array<string>(shots);
  for (let s = 0; s < shots; s++) {
    const u = next() * total;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    memory[s] = keys[lo]!;
  }
  return memory;
}

/** Runs an experiment and samples its shots: the memory the server would return. */
export function simulateExperiment(backend: SimBackend, experiment: SimExperiment): { memory: string[] } {
  return { memory: sampleMemory(exactDistribution(backend, experiment), experiment.shots, experiment.seed) };
}
