import type { BackendConfiguration } from '@coldatom/backend-config';
import { experimentName, type Experiment, type JobPayload } from '@coldatom/core';
import type { AnyCircuit } from './circuit-types.js';
import { bindExperiment, checkBindings, configOf, prepareCircuit } from './prepared-circuit.js';

/** Options of {@link compileExperiment}. */
export interface CompileOptions {
  readonly shots: number;
  /** The backend's served config: its `wire_order`, `num_species` and gates. @default the circuit's own */
  readonly config?: BackendConfiguration;
  /** Values of the circuit's symbolic parameters. */
  readonly bindings?: Readonly<Record<string, number>>;
  /** Seeds the backend's sampling of this experiment. */
  readonly seed?: number;
}

/**
 * Circuit + bindings + shots → one experiment, as the reference client writes it (protocol.md
 * §2.1–2.3): instructions in the circuit's order, parameters in the gate definition's order as
 * numbers, `measure` and `barrier` kept, `num_wires` = the circuit's width, `wire_order` from the
 * config; wires converted when the circuit states another convention and the backend has several
 * species. Throws a {@link CircuitError} naming the instruction for anything it cannot send.
 */
export function compileExperiment(circuit: AnyCircuit, options: CompileOptions): Experiment {
  const prepared = prepareCircuit(circuit, configOf(circuit, options.config));
  const bindings = options.bindings ?? {};
  checkBindings(prepared, Object.keys(bindings));
  return bindExperiment(prepared, bindings, options);
}

/** Several circuits → one payload, `experiment_0…` in the order given. */
export function compileCircuits(circuits: readonly AnyCircuit[], options: CompileOptions): JobPayload {
  const payload: JobPayload = {};
  circuits.forEach((circuit, i) => {
    payload[experimentName(i)] = compileExperiment(circuit, options);
  });
  return payload;
}
