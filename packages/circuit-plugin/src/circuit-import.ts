import { MAX_JSON_DEPTH, pathDeeperThan, rulesFor } from '@coldatom/backend-config';
import { checkFitsBackend } from './backend-fit.js';
import { CircuitError } from './circuit-error.js';
import { ColdAtomCircuit, type CircuitOptions } from './circuit.js';
import { GATE_DEFAULTS, installColdAtomGates, installConfigGates } from './gate-set.js';
import { circuitFromQasm, circuitFromSaved, fillMissingParams, isCircuit, qasmWires, walk } from './internal/quantum-circuit.js';

const isSaved = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { numQubits?: unknown }).numQubits === 'number' &&
  Array.isArray((value as { gates?: unknown }).gates);

const hasSave = (value: unknown): value is { save(): unknown } => typeof (value as { save?: unknown } | null)?.save === 'function';

/** The saved JSON, unless it nests deeper than any circuit does (the library copies it recursively: a RangeError). */
function shallowEnough(saved: unknown): unknown {
  const path = pathDeeperThan(saved, MAX_JSON_DEPTH);
  if (path)
    throw new CircuitError(
      `The saved circuit nests more than ${MAX_JSON_DEPTH} levels deep at ${path.slice(0, 5).join('.')}; a circuit's save() JSON needs a handful`,
    );
  return saved;
}

/**
 * Wraps a circuit built with quantum-circuit by hand, or its `save()` JSON (a circuit of another
 * copy of the library is read through its `save()`). Build hand-made circuits after
 * {@link installColdAtomGates} so that they can export and draw the cold-atom gates.
 */
export function fromQuantumCircuit(circuit: unknown, options: CircuitOptions = {}): ColdAtomCircuit {
  installColdAtomGates();
  if (isCircuit(circuit)) return new ColdAtomCircuit(circuit, options);
  if (isSaved(circuit)) return new ColdAtomCircuit(circuitFromSaved(shallowEnough(circuit)), options);
  if (hasSave(circuit) && isSaved(circuit.save())) return new ColdAtomCircuit(circuitFromSaved(shallowEnough(circuit.save())), options);
  throw new CircuitError('Expected a QuantumCircuit of the quantum-circuit package, or its save() JSON');
}

/**
 * Widest OpenQASM circuit {@link fromQasm} reads when no backend bounds it: far above any cold-atom
 * backend, far below where the library's reader takes seconds (its cost grows faster than the
 * square of the width: 256 wires ≈ 0.2 s, 2000 wires ≈ 40 s).
 */
export const MAX_QASM_WIRES = 64;

/** Options of {@link fromQasm}. */
export interface QasmOptions extends CircuitOptions {
  /** Most wires the text may declare or use, checked before parsing. @default {@link MAX_QASM_WIRES} */
  readonly maxWires?: number;
}

/** Refuses text declaring or using more wires than `max`, before the reader runs. */
function checkQasmWidth(text: string, max: number): void {
  const { declared, highestIndex } = qasmWires(text);
  if (declared > max)
    throw new CircuitError(
      `OpenQASM declares ${declared} qubits (qreg), more than the ${max} this reader takes; cold-atom circuits have a few wires (pass maxWires to raise the bound)`,
    );
  if (highestIndex >= max)
    throw new CircuitError(
      `OpenQASM uses index ${highestIndex}, beyond the ${max} wires this reader takes; cold-atom circuits have a few wires (pass maxWires to raise the bound)`,
    );
}

/**
 * Reads OpenQASM 2 text written with the cold-atom gates:
 * `load(50) q[0]; rlx(theta) q[0]; measure q[0] -> c[0];` — symbolic parameters stay symbols,
 * `load q[0];` loads one atom, gates keep the order they are written in (`barrier q;` is one
 * barrier). Parse errors, gates neither the library nor the cold-atom set defines, and cold-atom
 * gates without their parameters are refused, each named. With a backend, a circuit it cannot
 * take (qubit gates, too many wires) is refused at once, in one message.
 */
export function fromQasm(text: string, options: QasmOptions = {}): ColdAtomCircuit {
  checkQasmWidth(text, options.maxWires ?? MAX_QASM_WIRES);
  if (typeof options.backend === 'object') installConfigGates(options.backend);
  else installColdAtomGates();
  const circuit = circuitFromQasm(text);
  for (const [gate, values] of Object.entries(GATE_DEFAULTS)) fillMissingParams(circuit, gate, values);
  const gates = walk(circuit);
  const problems = gates.flatMap((gate, index) => {
    const where = `gate ${index} (${gate.name} on q[${gate.wires.join('], q[')}])`;
    if (!gate.paramNames) return [`${where}: ${gate.name} is not a gate this reader knows`];
    const missing = gate.paramNames.filter((_, k) => gate.params[k] === undefined);
    return missing.length > 0 ? [`${where}: no value for ${missing.join(', ')}`] : [];
  });
  if (problems.length > 0) throw new CircuitError(`OpenQASM could not be read:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const { maxWires: _, ...circuitOptions } = options;
  const wrapped = new ColdAtomCircuit(circuit, circuitOptions);
  if (wrapped.config) checkFitsBackend(gates, wrapped.width, rulesFor(wrapped.config));
  return wrapped;
}
