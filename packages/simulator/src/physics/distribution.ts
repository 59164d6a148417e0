import { uniform } from '../internal/random.js';
import { runExperiment } from './backends.js';
import type { SimBackend, SimExperiment } from './experiment.js';
import type { Outcome } from './readout.js';

/** Outcomes below this probability are dropped (the reference vectors omit them too). */
const CUTOFF = 1e-12;

/**
 * An experiment's distribution over memory strings, in the order a JS object keyed by them lists
 * its keys (integer strings ascending, others by first appearance over the basis), so sampling
 * from it draws exactly what sampling from {@link exactDistribution}'s object draws. Strings are
 * made on demand: a 4096-outcome distribution sampled 1000 times builds at most 1000 of them.
 */
export interface OutcomeTable {
  /** Projected outcome of each entry. */
  readonly outcomes: Int32Array;
  readonly probabilities: Float64Array;
  /** The memory string of entry i. */
  text(entry: number): string;
}

export function outcomeTable(outcome: Outcome): OutcomeTable {
  const { probabilities, readout } = outcome;
  if (readout.nothingMeasured) return { outcomes: new Int32Array(0), probabilities: new Float64Array(0), text: () => '' };
  const sums = new Float64Array(readout.size);
  const seen = new Uint8Array(readout.size);
  const order: number[] = [];
  const projection = readout.projection();
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    if (p === 0) continue;
    const q = projection[i]!;
    if (!seen[q]) {
      seen[q] = 1;
      order.push(q);
    }
    sums[q] = sums[q]! + p;
  }
  // Integer keys are a single wire's value, which is the projected outcome itself.
  if (readout.integerKeys) order.sort((x, y) => x - y);
  const outcomes = Int32Array.from(order.filter((q) => sums[q]! >= CUTOFF));
  return { outcomes, probabilities: Float64Array.from(outcomes, (q) => sums[q]!), text: (entry) => readout.text(outcomes[entry] ?? 0) };
}

/** Exact outcome distribution, keyed by memory string (`"3"`, `"1 0 1"`); `{}` when nothing is measured. */
export function exactDistribution(backend: SimBackend, experiment: SimExperiment): Record<string, number> {
  const table = outcomeTable(runExperiment(backend, experiment));
  const out: Record<string, number> = {};
  table.probabilities.forEach((p, i) => (out[table.text(i)] = p));
  return out;
}

/** Each experiment's exact distribution, for a whole payload. */
export function probabilities(backend: SimBackend, payload: Readonly<Record<string, SimExperiment>>): Record<string, Record<string, number>> {
  return Object.fromEntries(Object.entries(payload).map(([name, experiment]) => [name, exactDistribution(backend, experiment)]));
}

/**
 * Which outcome each of `shots` draws picks: the first entry whose cumulative probability exceeds
 * a uniform draw (scaled by the total). A guide table (one bucket per outcome) starts each search
 * next to its answer, so a shot costs O(1) on average, never a scan over the outcomes, and picks
 * exactly what a binary search would; reproducible when seeded.
 */
export function sampleIndices(probabilities: Float64Array, shots: number, seed?: number | null): Uint32Array {
  const count = probabilities.length;
  if (count === 0) return new Uint32Array(0);
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) cumulative[i] = total += probabilities[i]!;
  const guide = new Int32Array(count);
  for (let bucket = 0, i = 0; bucket < count; bucket++) {
    const edge = (bucket / count) * total;
    while (i < count - 1 && cumulative[i]! <= edge) i++;
    guide[bucket] = i;
  }
  const next = uniform(seed);
  const picks = new Uint32Array(shots);
  for (let s = 0; s < shots; s++) {
    const u = next() * total;
    let i = guide[Math.min(count - 1, Math.floor((u / total) * count))]!;
    // The guide is a start, not the answer: walk to the first cumulative > u either way.
    while (i > 0 && cumulative[i - 1]! > u) i--;
    while (i < count - 1 && cumulative[i]! <= u) i++;
    picks[s] = i;
  }
  return picks;
}

/** Draws `shots` memory strings from a distribution; reproducible when seeded. */
export function sampleMemory(distribution: Readonly<Record<string, number>>, shots: number, seed?: number | null): string[] {
  const keys = Object.keys(distribution);
  const picks = sampleIndices(Float64Array.from(keys, (k) => distribution[k] ?? 0), shots, seed);
  return Array.from(picks, (i) => keys[i] ?? '');
}

/** An experiment's shots as indices into `texts`, the distinct memory strings drawn (compact between threads). */
export interface SampledShots {
  readonly texts: readonly string[];
  readonly picks: Uint32Array;
}

/** Runs an experiment and samples its shots. */
export function sampleExperiment(backend: SimBackend, experiment: SimExperiment): SampledShots {
  const table = outcomeTable(runExperiment(backend, experiment));
  const picks = sampleIndices(table.probabilities, experiment.shots, experiment.seed);
  // Renumber the drawn entries densely, so only their strings are made and sent.
  const dense = new Int32Array(table.probabilities.length).fill(-1);
  const texts: string[] = [];
  for (let s = 0; s < picks.length; s++) {
    const entry = picks[s]!;
    let d = dense[entry]!;
    if (d < 0) {
      d = dense[entry] = texts.length;
      texts.push(table.text(entry));
    }
    picks[s] = d;
  }
  return { texts, picks };
}

/** The memory strings of sampled shots. */
export function memoryOf(shots: SampledShots): string[] {
  return Array.from(shots.picks, (i) => shots.texts[i] ?? '');
}

/** Runs an experiment and samples its shots: the memory the server would return. */
export function simulateExperiment(backend: SimBackend, experiment: SimExperiment): { memory: string[] } {
  return { memory: memoryOf(sampleExperiment(backend, experiment)) };
}
