/**
 * The only module that touches quantum-circuit. It installs the cold-atom instructions as
 * first-class gates through one wrapper of `QuantumCircuit.prototype.init`, so every instance —
 * including the ones the library creates internally for exports and imports — knows them, and
 * their parameters survive save/load and OpenQASM round trips (quantum-circuit.md §2).
 */
import QuantumCircuit from 'quantum-circuit';
import { referenceBackends, type InstructionRule } from '@coldatom/backend-config';
import { ColdAtomError } from '@coldatom/core';

export type Circuit = QuantumCircuit;
export type ParamValue = QuantumCircuit.ParamValue;

/** Gate name → parameter names, for every cold-atom gate known so far. */
const installed = new Map<string, readonly string[]>();
const INSTALLED = Symbol.for('@coldatom/circuit-plugin/init-hook');
const NATIVE = new Set(['measure', 'barrier']);

function definition(name: string, params: readonly string[]): QuantumCircuit.GateDef {
  return { description: `cold-atom ${name}`, matrix: [], params: [...params], drawingInfo: { connectors: ['box'], label: name }, exportInfo: {} };
}

function installHook(): void {
  const proto = QuantumCircuit.prototype as QuantumCircuit & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  const init = proto.init;
  proto.init = function (this: QuantumCircuit, ...args: Parameters<QuantumCircuit['init']>) {
    init.apply(this, args);
    for (const [name, params] of installed) if (!this.basicGates[name]) this.basicGates[name] = definition(name, params);
  };
  const run = proto.run;
  proto.run = function (this: QuantumCircuit, ...args: Parameters<QuantumCircuit['run']>) {
    // The framework's simulator treats a gate without a matrix as a reset: refuse instead of lying.
    const cold = this.gates.flat().find((cell) => cell && installed.has(cell.name));
    if (cold) throw new ColdAtomError(`run() cannot simulate the cold-atom gate "${cold.name}"; use @coldatom/simulator (probabilities or backendFor('local:<name>'))`);
    run.apply(this, args);
  };
  proto[INSTALLED] = true;
}

/** Makes a gate known to every circuit (idempotent; never replaces a built-in gate). */
export function installGate(name: string, params: readonly string[]): void {
  installHook();
  if (NATIVE.has(name) || installed.has(name)) return;
  installed.set(name, params);
}

/** Parameter names of an installed gate, in definition order. */
export function gateParams(name: string): readonly string[] | undefined {
  return installed.get(name);
}

function installRules(rules: Readonly<Record<string, InstructionRule>>): void {
  for (const rule of Object.values(rules)) installGate(rule.name, rule.params.map((p) => p.name));
}
for (const entry of Object.values(referenceBackends)) installRules(entry.instructions);

/** A new circuit on `wires` wires. */
export function newCircuit(wires: number): Circuit {
  return new QuantumCircuit(wires);
}

/** Places a gate in its own column at the end, so the author's order is the time order. */
export function placeGate(circuit: Circuit, name: string, wires: readonly number[], params: Readonly<Record<string, ParamValue>>): void {
  const column = circuit.numCols();
  if (name === 'measure') {
    circuit.addMeasure(wires[0]!, 'c', wires[0]!);
    return;
  }
  circuit.addGate(name, column, [...wires], { params: { ...params } });
}

/** One gate of the grid, in time order. */
export interface PlacedGate {
  readonly name: string;
  readonly wires: number[];
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** The gates in time order: column by column, each multi-wire gate once, wires in the author's order. */
export function walk(circuit: Circuit): PlacedGate[] {
  const out: PlacedGate[] = [];
  const columns = circuit.numCols();
  for (let col = 0; col < columns; col++) {
    for (let w = 0; w < circuit.numQubits; w++) {
      const cell = circuit.gates[w]?.[col];
      if (!cell || cell.connector !== 0) continue;
      const wires: number[] = [];
      for (let v = 0; v < circuit.numQubits; v++) {
        const other = circuit.gates[v]?.[col];
        if (other && other.id === cell.id) wires[other.connector] = v;
      }
      out.push({ name: cell.name, wires, params: cell.options?.params ?? {} });
    }
  }
  return out;
}

/** Parses OpenQASM 2 text with the cold-atom gates; throws with every parse error's line. */
export function fromQasm(text: string): Circuit {
  const circuit = new QuantumCircuit();
  let errors: QuantumCircuit.ImportError[] = [];
  circuit.importQASM(text, (e) => (errors = e ?? []));
  if (errors.length > 0) throw new ColdAtomError(`OpenQASM could not be read: ${errors.map((e) => `line ${e.line}:${e.col} ${e.msg}`).join('; ')}`);
  return circuit;
}

/** A plain QuantumCircuit given by a caller (built by hand or imported), checked loosely. */
export function asCircuit(value: unknown): Circuit {
  if (value instanceof QuantumCircuit) return value;
  throw new ColdAtomError('Expected a QuantumCircuit from the quantum-circuit package');
}

/** OpenQASM 2 text of a circuit. */
export function toQasm(circuit: Circuit): string {
  return circuit.exportToQASM({});
}

/** SVG drawing of a circuit. */
export function toSvg(circuit: Circuit): string {
  return circuit.exportSVG(true);
}

/** JSON of a circuit (quantum-circuit's save format). */
export function save(circuit: Circuit): unknown {
  return circuit.save();
}

/** A circuit from quantum-circuit's save format. */
export function load(saved: unknown): Circuit {
  const circuit = new QuantumCircuit();
  circuit.load(saved);
  return circuit;
}
