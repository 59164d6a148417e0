import type { SimBackend, SimExperiment } from './experiment.js';
import { fermions } from './fermions.js';
import { multiqudit } from './multiqudit.js';
import { fixedReadout, type Outcome } from './readout.js';
import { rydberg } from './rydberg.js';
import { singlequdit } from './singlequdit.js';

/** mot: the measured value is the loaded atom number, once per measure. */
function mot(experiment: SimExperiment): Outcome {
  let atoms = 0;
  const values: number[] = [];
  for (const [name, , params] of experiment.instructions) {
    if (name === 'load') atoms = params[0] ?? 0;
    if (name === 'measure') values.push(atoms);
  }
  return { probabilities: Float64Array.of(1), readout: fixedReadout(values.join(' '), values.length === 0) };
}

const RUNNERS: Record<SimBackend, (experiment: SimExperiment) => Outcome> = { singlequdit, multiqudit, fermions, rydberg, mot };

/** Runs one experiment on a reference backend's physics. */
export function runExperiment(backend: SimBackend, experiment: SimExperiment): Outcome {
  return RUNNERS[backend](experiment);
}
