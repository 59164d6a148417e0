/**
 * What a worker thread runs: experiments of one job. It imports only the physics (no server or
 * runner state lives in a worker).
 */
import { sampleExperiment, type SampledShots } from '../physics/distribution.js';
import { SimulationError, type SimBackend, type SimExperiment } from '../physics/experiment.js';

/** One experiment to simulate on one backend. */
export interface SimulationTask {
  readonly backend: SimBackend;
  readonly experiment: SimExperiment;
}

/**
 * The memory of the experiment, or why it failed. The memory is either the strings themselves or,
 * as the worker pool answers, compact shots: `texts[picks[s]]` is shot s (memory strings are then
 * made only where they are needed, never on the thread that serves requests). Failures are
 * returned rather than thrown: structured cloning keeps only the message of an error, and the
 * runner needs to tell the simulator's own run failures (reported like the reference's
 * ValueErrors) from anything else.
 */
export type SimulationAnswer =
  | { readonly memory: string[] }
  | { readonly texts: readonly string[]; readonly picks: Uint32Array }
  | { readonly failure: string; readonly kind: 'run' | 'internal' };

/** Consecutive experiments of one job, sent to a worker as one message. */
export interface SimulationBatch {
  readonly backend: SimBackend;
  readonly experiments: readonly SimExperiment[];
}

/** A batch's answers in order: shots as outcome indices (moved, not copied, between threads). */
export type BatchAnswer = SampledShots | { readonly failure: string; readonly kind: 'run' | 'internal' };

function failureOf(error: unknown): { readonly failure: string; readonly kind: 'run' | 'internal' } {
  if (error instanceof SimulationError) return { failure: error.message, kind: 'run' };
  return { failure: error instanceof Error ? error.message : String(error), kind: 'internal' };
}

/**
 * Experiments a thread runs once, before its first batch on a backend, so the optimizing JIT has
 * compiled that backend's kernels before they count: a thread sees only its share of a scan (25
 * points of a 50-point rydberg scan on 2 cores), too few for the kernels to be optimized within
 * the first jobs, which then ran 2–4× slower than later ones. rydberg: 5 atoms, rydberg_full over
 * a drive scan (the Chebyshev expansion on the symmetric subspace) and 1000 unseeded shots each,
 * about 20–40 ms once. Their answers are dropped, nothing they leave in the caches depends on
 * their parameters, and seeded memory is untouched.
 */
const WARM_UP: Partial<Record<SimBackend, () => SimExperiment[]>> = {
  rydberg: () =>
    Array.from({ length: 48 }, (_, k) => ({
      instructions: [['rydberg_full', [0, 1, 2, 3, 4], [0.3 + 0.4 * k, 1.5, 25]], ...[0, 1, 2, 3, 4].map((w) => ['measure', [w], []] as const)],
      shots: 1000,
      num_wires: 5,
      wire_order: 'interleaved',
    })),
};

const warmed = new Set<SimBackend>();

function warmUp(backend: SimBackend): void {
  if (warmed.has(backend)) return;
  warmed.add(backend);
  for (const experiment of WARM_UP[backend]?.() ?? []) sampleExperiment(backend, experiment);
}

/** A batch, in order; a worker keeps its caches (eigenbases, tables) warm across the batch and after it, and its JIT-compiled kernels (see WARM_UP). */
export function simulateBatch(batch: SimulationBatch): BatchAnswer[] {
  warmUp(batch.backend);
  return batch.experiments.map((experiment) => {
    try {
      return sampleExperiment(batch.backend, experiment);
    } catch (error) {
      return failureOf(error);
    }
  });
}

/** A batch answer as the runner's per-experiment answer: the compact shots as they came (no per-shot work). */
export function answerOf(answer: BatchAnswer): SimulationAnswer {
  return answer;
}
