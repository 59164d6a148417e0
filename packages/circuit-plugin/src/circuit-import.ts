import { CircuitError } from './circuit-error.js';
import { ColdAtomCircuit, type CircuitOptions } from './circuit.js';
import { GATE_DEFAULTS, installColdAtomGates, installConfigGates } from './gate-set.js';
import { circuitFromQasm, circuitFromSaved, fillMissingParams, isCircuit, walk } from './internal/quantum-circuit.js';

const isSaved = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { numQubits?: unknown }).numQubits === 'number' && Array.isArray((value as { gates?: unknown }).gates);

const hasSave = (value: unknown): value is { save(): unknown } => typeof (value as { save?: unknown } | null)?.save === 'function';

/**
 * Wraps a circuit built with quantum-circuit by hand, or its `save()` JSON (a circuit of another
 * copy of the library is read through its `save()`). Build hand-made circuits after
 * {@link installColdAtomGates} so that they can export and draw the cold-atom gates.
 */
export function fromQuantumCircuit(circuit: unknown, options: CircuitOptions = {}): ColdAtomCircuit {
  installColdAtomGates();
  if (isCircuit(circuit)) return new ColdAtomCircuit(circuit, options);
  if (isSaved(circuit)) return new ColdAtomCircuit(circuitFromSaved(circuit), options);
  if (hasSave(circuit) && isSaved(circuit.save())) return new ColdAtomCircuit(circuitFromSaved(circuit.save()), options);
  throw new CircuitError('Expected a QuantumCircuit of the quantum-circuit package, or its save() JSON');
}

/**
 * Reads OpenQASM 2 text written with the cold-atom gates:
 * `load(50) q[0]; rlx(theta) q[0]; measure q[0] -> c[0];` — symbolic parameters stay symbols,
 * `load q[0];` loads one atom. Parse errors, gates neither the library nor the cold-atom set
 * defines, and cold-atom gates without their parameters are refused, each named.
 */
export function fromQasm(text: string, options: CircuitOptions = {}): ColdAtomCircuit {
  if (typeof options.backend === 'object') installConfigGates(options.backend);
  else installColdAtomGates();
  const circuit = circuitFromQasm(text);
  for (const [gate, values] of Object.entries(GATE_DEFAULTS)) fillMissingParams(circuit, gate, values);
  const problems = walk(circuit).flatMap((gate, index) => {
    const where = `gate ${index} (${gate.name} on q[${gate.wires.join('], q[')}])`;
    if (!gate.paramNames) return [`${where}: ${gate.name} is not a gate this reader knows`];
    const missing = gate.paramNames.filter((_, k) => gate.params[k] === undefined);
    return missing.length > 0 ? [`${where}: no value for ${missing.join(', ')}`] : [];
  });
  if (problems.length > 0) throw new CircuitError(`OpenQASM could not be read:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return new ColdAtomCircuit(circuit, options);
}
