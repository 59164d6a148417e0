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
interface OutcomeTable {
  /** Projected outcome of each entry. */
  readonly outcomes: Int32Array;
  readonly probabilities: Float64Array;
  /** The memory string of entry i. */
  text(entry: number): string;
}

function outcomeTable(outcome: Outcome): OutcomeTable {
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
  let kept = 0;
  for (const q of order) if (sums[q]! >= CUTOFF) kept++;
  const outcomes = new Int32Array(kept);
  const keptProbabilities = new Float64Array(kept);
  let e = 0;
  for (const q of order) {
    if (sums[q]! < CUTOFF) continue;
    outcomes[e] = q;
    keptProbabilities[e++] = sums[q]!;
  }
  return { outcomes, probabilities: keptProbabilities, text: (entry) => readout.text(outcomes[entry] ?? 0) };
}

/** Exact outcome distribution, keyed by memory string (`"3"`, `"1 0 1"`); `{}` when nothing is measured. */
export function exactDistribution(backend: SimBackend, experiment: SimExperiment): Record<string, number> {
  const table = outcomeTable(runExperiment(backend, experiment));
  const out: Record<string, number> = {};
  for (const [i, p] of table.probabilities.entries()) out[table.text(i)] = p;
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
function sampleIndices(probabilities: Float64Array, shots: number, seed?: number | null): Uint32Array {
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
  const picks = sampleIndices(
    Float64Array.from(keys, (k) => distribution[k] ?? 0),
    shots,
    seed,
  );
  return Array.from(picks, (i) => keys[i] ?? '');
}

/** An experiment's shots as indices into `texts`, the distinct memory strings drawn (compact between threads). */
export interface SampledShots {
  readonly texts: readonly string[];
  readonly picks: Uint32Array;
}

/** Runs an experiment and samples its shots. */
export function sampleExperiment(backend: SimBackend, experiment: SimExperiment): SampledShots {
  return sampleTable(outcomeTable(runExperiment(backend, experiment)), experiment.shots, experiment.seed);
}

const DRAW_CHUNK = 4096;

/**
 * Unseeded draws: xoshiro128** (state seeded once per thread from Math.random), two outputs per
 * double for 53 random bits, as Math.random gives, at a fraction of its call cost. Seeded draws
 * keep the seeded generator, so seeded memory is unchanged.
 */
const xo = new Int32Array(4).map(() => (Math.random() * 2 ** 32) | 0);
if ((xo[0]! | xo[1]! | xo[2]! | xo[3]!) === 0) xo[0] = 1;

function fillUniform(out: Float64Array, n: number): void {
  let a = xo[0]!;
  let b = xo[1]!;
  let c = xo[2]!;
  let d = xo[3]!;
  for (let k = 0; k < n; k++) {
    let m = Math.imul(b, 5);
    const hi = Math.imul((m << 7) | (m >>> 25), 9) >>> 5;
    let t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    m = Math.imul(b, 5);
    const lo = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
    t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    out[k] = (hi * 67108864 + lo) / 9007199254740992;
  }
  xo[0] = a;
  xo[1] = b;
  xo[2] = c;
  xo[3] = d;
}

/**
 * {@link sampleIndices} with the drawn entries renumbered densely in order of first appearance, in
 * the same sweep: exactly the picks and strings of sampling then renumbering, with one pass over
 * the shots and strings made only for the entries drawn.
 */
function sampleTable(table: OutcomeTable, shots: number, seed?: number | null): SampledShots {
  const probabilities = table.probabilities;
  const count = probabilities.length;
  if (count === 0) return { texts: [], picks: new Uint32Array(0) };
  if (seed === undefined || seed === null) return sampleUnseeded(table, shots);
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) cumulative[i] = total += probabilities[i]!;
  // A guide finer than the outcomes (a power of two ≥ 4 per outcome) shortens the walks; it only
  // chooses where a search starts, so the picks are those of sampleIndices whatever its size.
  const buckets = Math.max(64, 2 ** Math.ceil(Math.log2(4 * count)));
  const guide = new Int32Array(buckets);
  for (let bucket = 0, i = 0; bucket < buckets; bucket++) {
    const edge = (bucket / buckets) * total;
    while (i < count - 1 && cumulative[i]! <= edge) i++;
    guide[bucket] = i;
  }
  const next = uniform(seed);
  const picks = new Uint32Array(shots);
  const dense = new Int32Array(count).fill(-1);
  const drawn: number[] = [];
  const last = count - 1;
  // Draws a chunk at a time, then searches: the search loop is the same whichever generator.
  const draws = new Float64Array(Math.min(shots, DRAW_CHUNK));
  for (let start = 0; start < shots; start += DRAW_CHUNK) {
    const n = Math.min(DRAW_CHUNK, shots - start);
    for (let k = 0; k < n; k++) draws[k] = next();
    for (let k = 0; k < n; k++) {
      const r = draws[k]!;
      const u = r * total;
      let i = guide[Math.min(buckets - 1, Math.floor(r * buckets))]!;
      while (i > 0 && cumulative[i - 1]! > u) i--;
      while (i < last && cumulative[i]! <= u) i++;
      let d = dense[i]!;
      if (d < 0) {
        d = dense[i] = drawn.length;
        drawn.push(i);
      }
      picks[start + k] = d;
    }
  }
  return { texts: textsOf(table, drawn), picks };
}

function textsOf(table: OutcomeTable, drawn: readonly number[]): string[] {
  const texts = new Array<string>(drawn.length);
  for (let d = 0; d < drawn.length; d++) texts[d] = table.text(drawn[d]!);
  return texts;
}

/**
 * Unseeded draws by Walker's alias method (Vose's construction, O(outcomes) once): one uniform
 * double u per shot, column j = ⌊u·n⌋, and entry j or its alias by comparing the fraction u·n − j
 * with the column's threshold — one comparison per shot instead of a search, with the exact
 * probabilities (to rounding in the table). Renumbered densely in order of first appearance, as
 * {@link sampleTable}; its picks differ from the seeded search's, which only seeded draws must keep.
 */
function sampleUnseeded(table: OutcomeTable, shots: number): SampledShots {
  const probabilities = table.probabilities;
  const count = probabilities.length;
  let total = 0;
  for (let i = 0; i < count; i++) total += probabilities[i]!;
  const threshold = new Float64Array(count);
  const alias = new Int32Array(count);
  const small = new Int32Array(count);
  const large = new Int32Array(count);
  let smalls = 0;
  let larges = 0;
  for (let i = 0; i < count; i++) {
    const scaled = (probabilities[i]! * count) / total;
    threshold[i] = scaled;
    alias[i] = i;
    if (scaled < 1) small[smalls++] = i;
    else large[larges++] = i;
  }
  while (smalls > 0 && larges > 0) {
    const s = small[--smalls]!;
    const l = large[larges - 1]!;
    alias[s] = l;
    const rest = threshold[l]! + threshold[s]! - 1;
    threshold[l] = rest;
    if (rest < 1) {
      larges--;
      small[smalls++] = l;
    }
  }
  // Whatever is left holds (to rounding) exactly one column's worth: always itself.
  while (larges > 0) threshold[large[--larges]!] = 1;
  while (smalls > 0) threshold[small[--smalls]!] = 1;
  const picks = new Uint32Array(shots);
  const dense = new Int32Array(count).fill(-1);
  const drawn: number[] = [];
  const last = count - 1;
  const draws = new Float64Array(Math.min(shots, DRAW_CHUNK));
  for (let start = 0; start < shots; start += DRAW_CHUNK) {
    const n = Math.min(DRAW_CHUNK, shots - start);
    fillUniform(draws, n);
    for (let k = 0; k < n; k++) {
      const x = draws[k]! * count;
      const column = Math.min(last, Math.floor(x));
      // Column or alias without a branch (the comparison is a coin flip a branch predictor loses).
      const i = column + ((alias[column]! - column) & -(Number(x - column >= threshold[column]!) | 0));
      let d = dense[i]!;
      if (d < 0) {
        d = dense[i] = drawn.length;
        drawn.push(i);
      }
      picks[start + k] = d;
    }
  }
  return { texts: textsOf(table, drawn), picks };
}

/** The memory strings of sampled shots. */
function memoryOf(shots: SampledShots): string[] {
  const { picks, texts } = shots;
  const out = new Array<string>(picks.length);
  for (let s = 0; s < picks.length; s++) out[s] = texts[picks[s]!]!;
  return out;
}

/** Runs an experiment and samples its shots: the memory the server would return. */
export function simulateExperiment(backend: SimBackend, experiment: SimExperiment): { memory: string[] } {
  return { memory: memoryOf(sampleExperiment(backend, experiment)) };
}
