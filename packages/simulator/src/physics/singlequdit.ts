/** singlequdit: one collective spin; `load` resets it, the last `measure` is what is sampled. */
import { applyOnWire, collectiveSpin, lxEigen, lzDiagonal, rotatedGroundState } from './collective-spin.js';
import { applyDiagonal } from './diagonal.js';
import { SimulationError, type SimExperiment } from './experiment.js';
import { evolveHamiltonian } from './hamiltonian.js';
import { productReadout, type Outcome } from './readout.js';
import { groundState, probabilitiesOf, type State } from './state.js';

/** exp(−i(ωLx + δLz + χLz²)) on a one-wire state. */
function sqFull(state: State, atoms: number, params: readonly number[]): void {
  const [omega = 0, delta = 0, chi = 0] = params;
  const { m, lxOff } = collectiveSpin(atoms);
  const last = atoms;
  evolveHamiltonian(
    state.re,
    state.im,
    `sq|${atoms}|${omega}|${delta}|${chi}`,
    (k, emit) => {
      const mk = m[k]!;
      emit(k, delta * mk + chi * mk * mk);
      if (k > 0) emit(k - 1, omega * lxOff[k - 1]!);
      if (k < last) emit(k + 1, omega * lxOff[k]!);
    },
    1,
    false,
  );
}

export function singlequdit(experiment: SimExperiment): Outcome {
  const instructions = experiment.instructions;
  // The reference samples the state at the last measure; later gates do not count.
  let lastMeasure = -1;
  for (const [i, [name]] of instructions.entries()) if (name === 'measure') lastMeasure = i;
  if (lastMeasure < 0) throw new SimulationError('singlequdit needs a measure instruction');
  let atoms = 1;
  let state = groundState([2]);
  // Still the loaded state (all atoms in the first level): an rlx then has a closed form.
  let fresh = true;
  for (let i = 0; i < lastMeasure; i++) {
    const [name, , params] = instructions[i]!;
    const theta = params[0] ?? 0;
    if (name === 'load') {
      atoms = params[0] ?? 1;
      state = groundState([atoms + 1]);
      fresh = true;
      continue;
    }
    if (name === 'measure' || name === 'barrier') continue;
    if (name === 'rlx' && fresh) rotatedGroundState(atoms, theta, state.re, state.im);
    else if (name === 'rlx') applyOnWire(state, 0, lxEigen(atoms), theta);
    else if (name === 'rlz') applyDiagonal(state, lzDiagonal(state, 0, atoms, 1), theta);
    else if (name === 'rlz2') applyDiagonal(state, lzDiagonal(state, 0, atoms, 2), theta);
    else if (name === 'sq_full') sqFull(state, atoms, params);
    else throw new SimulationError(`singlequdit has no instruction ${name}`);
    fresh = false;
  }
  return { probabilities: probabilitiesOf(state), readout: productReadout(state.dims, state.strides, [0]) };
}
