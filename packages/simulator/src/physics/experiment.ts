import { ColdAtomError } from '@coldatom/core/errors';

/** An experiment as the simulator reads it (core's `Experiment` has exactly this structure). */
export interface SimExperiment {
  readonly instructions: ReadonlyArray<readonly [string, readonly number[], readonly number[]]>;
  readonly shots: number;
  readonly num_wires: number;
  readonly wire_order: string;
  readonly seed?: number | null | undefined;
}

/** The reference backends the simulator implements. */
export type SimBackend = 'singlequdit' | 'multiqudit' | 'fermions' | 'rydberg' | 'mot';

/**
 * A failure while running a valid experiment, with the message the reference simulator reports
 * (e.g. "probabilities do not sum to 1" when a fermion mode is loaded twice).
 */
export class SimulationError extends ColdAtomError {
  override readonly name = 'SimulationError';
}
