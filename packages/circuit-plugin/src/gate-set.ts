import { gateParameters, referenceBackends, type BackendConfiguration } from '@coldatom/backend-config';
import { installGates, type GateSpec } from './internal/quantum-circuit.js';

/**
 * Values a parameter takes when a circuit holds none. `load` puts one atom: that is the only value a
 * fermion mode can hold (the fermions backend's `load` takes no parameter), and what `load q[0];`
 * means in OpenQASM.
 */
export const GATE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, number>>>> = { load: { N: 1 } };

/** The default of a gate parameter, when it has one. */
export function parameterDefault(gate: string, param: string): number | undefined {
  return GATE_DEFAULTS[gate]?.[param];
}

let catalogInstalled = false;

/**
 * Installs the instructions of the reference backends (`load`, `rlx`, `rlz`, `rlz2`, `sq_full`,
 * `rlxly`, `rlzlz`, `multiqudit_full`, `fhop`, `fint`, `fphase`, `rydberg_block`, `rydberg_full`;
 * `measure` and `barrier` exist already) as quantum-circuit gates, for every circuit created from
 * now on — also circuits built by hand with `new QuantumCircuit()`. Idempotent; the plugin's own
 * functions call it, so call it yourself only before building circuits by hand.
 */
export function installColdAtomGates(): void {
  if (catalogInstalled) return;
  // A gate's parameter list differs between backends only for `load` (N, or none on fermions):
  // the longest list is installed, and the compiler sends what each backend takes. Its width is
  // the widest range any backend accepts (at least one wire: a gate is drawn on the wires it has).
  const specs = new Map<string, GateSpec>();
  for (const entry of Object.values(referenceBackends)) {
    for (const rule of Object.values(entry.instructions)) {
      const known = specs.get(rule.name);
      const params = known && known.params.length >= rule.params.length ? known.params : rule.params.map((p) => p.name);
      // The coupling map may list narrower forms than the wire count says (multiqudit_full on [0]).
      const narrowest = Math.min(rule.wireCount.min, ...(rule.couplingMap ?? []).map((wires) => wires.length), known?.wires.min ?? Infinity);
      const wires = { min: Math.max(1, narrowest), max: Math.max(1, rule.wireCount.max, known?.wires.max ?? 1) };
      specs.set(rule.name, { params, wires });
    }
  }
  installGates(specs);
  catalogInstalled = true;
}

/**
 * Installs the gates a served configuration lists that the catalog does not know, with their
 * parameter names from the config. The compiler and the circuit factories call it on demand.
 */
export function installConfigGates(config: BackendConfiguration): void {
  installColdAtomGates();
  const wires = { min: 1, max: Math.max(1, config.n_qubits) };
  installGates(config.gates.map((gate) => [gate.name, { params: gateParameters(gate), wires }] as const));
}
