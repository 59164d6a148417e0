import { rulesFor, type BackendConfiguration } from '@coldatom/backend-config';
import type { Experiment, Instruction, WireOrder } from '@coldatom/core';
import { ownedExperiment } from '@coldatom/core/internal';
import { checkFitsBackend } from './backend-fit.js';
import { CircuitError } from './circuit-error.js';
import type { AnyCircuit } from './circuit-types.js';
import { installConfigGates, parameterDefault } from './gate-set.js';
import { isPredefinedName, parseExpression, type Expression } from './internal/math.js';
import { interleavedToSequential, sequentialToInterleaved } from './wire-order.js';

/** A parameter that needs scan values. */
interface SymbolicParam {
  readonly expression: Expression;
  /** `instruction 3 (rlx on wires [0]), parameter omega`, for error messages. */
  readonly where: string;
}

/** One instruction with its wires converted and its parameters compiled, ready to bind. */
interface PreparedInstruction {
  readonly name: string;
  readonly wires: readonly number[];
  readonly params: readonly (number | SymbolicParam)[];
}

/** A circuit walked once against a backend: binding values to it makes an experiment. */
export interface PreparedCircuit {
  readonly numWires: number;
  readonly wireOrder: WireOrder;
  readonly instructions: readonly PreparedInstruction[];
  /** Each free symbol and where it is first used. */
  readonly symbols: ReadonlyMap<string, string>;
}

/** The config to compile against: the one given, else the circuit's own. */
export function configOf(circuit: AnyCircuit, config: BackendConfiguration | undefined): BackendConfiguration {
  const found = config ?? circuit.config;
  if (!found) throw new CircuitError('No backend configuration to compile against: pass `config`, or build the circuit for a backend');
  return found;
}

/** A short description of a bad value: JSON for small ones, the kind for objects (which may nest without end). */
function describeValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(JSON.stringify(value));
  return Array.isArray(value) ? `a list of ${value.length}` : 'an object';
}

/**
 * A parameter as a number when it holds no symbol (`50`, `"50"`, `"pi/2"`), else its parsed
 * expression; anything else is refused naming `where`.
 */
export function parseParam(value: unknown, where: string): number | Expression {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CircuitError(`${where} is ${value}, not a finite number`);
    return value;
  }
  if (typeof value !== 'string') throw new CircuitError(`${where} is ${describeValue(value)}, not a number or an expression`);
  try {
    const expression = parseExpression(value);
    return expression.symbols.length === 0 ? expression.evaluate({}) : expression;
  } catch (cause) {
    throw new CircuitError(`${where}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Walks the circuit once: instructions in time order, parameters in the gate definition's order
 * (as many as the backend takes), wires converted to the backend's convention when the circuit
 * states another and the backend has several species (multi-wire lists then sorted, because
 * servers compare coupling-map entries order-sensitively, protocol.md §2.3, §8.16).
 */
export function prepareCircuit(circuit: AnyCircuit, config: BackendConfiguration): PreparedCircuit {
  installConfigGates(config);
  const rules = rulesFor(config);
  const backendOrder: WireOrder = config.wire_order ?? 'sequential';
  const species = config.num_species ?? 1;
  const from = circuit.wireOrder ?? backendOrder;
  const numWires = circuit.width;
  const convert = from !== backendOrder && species > 1;
  const sites = numWires / species;
  if (convert && !Number.isInteger(sites)) {
    throw new CircuitError(`A ${numWires}-wire circuit cannot be split into ${species} species to convert its wires from ${from} to ${backendOrder}`);
  }
  const convertWire = from === 'sequential' ? sequentialToInterleaved : interleavedToSequential;
  // Species-aware backends compare wire lists with their coupling maps in order: qiskit-cold-atom
  // sorts every list whenever the config has num_species (protocol.md §2.3, §8.16).
  const sortWires = config.num_species !== undefined;
  const symbols = new Map<string, string>();
  const gates = circuit.gates();
  checkFitsBackend(
    gates.filter((g) => g.known),
    numWires,
    rules,
  );

  const instructions = gates.map((gate, index): PreparedInstruction => {
    const at = `instruction ${index} (${gate.name} on wires ${JSON.stringify(gate.wires)})`;
    if (gate.conditioned) throw new CircuitError(`${at}: a classically conditioned gate cannot be sent`);
    if (!gate.known) throw new CircuitError(`${at}: ${gate.name} is neither a cold-atom instruction nor a quantum-circuit gate`);
    if (gate.strayParams.length > 0) {
      const names = gate.paramNames.length > 0 ? `its parameters: ${gate.paramNames.join(', ')}` : 'it takes none';
      throw new CircuitError(`${at}: ${gate.name} has no parameter ${gate.strayParams.map((k) => `"${k}"`).join(', ')} (${names}; names are case-sensitive)`);
    }
    const taken = rules.instructions[gate.name]?.params.length ?? gate.paramNames.length;
    if (taken > gate.paramNames.length) {
      throw new CircuitError(`${at}: ${rules.backend} expects ${taken} parameters, the gate holds ${gate.paramNames.length} (${gate.paramNames.join(', ')})`);
    }
    const params: (number | SymbolicParam)[] = [];
    gate.paramNames.forEach((name, k) => {
      const fallback = parameterDefault(gate.name, name);
      const raw = gate.params[k] ?? fallback;
      const place = `${at}, parameter ${name}`;
      if (k >= taken) {
        if (raw !== undefined && parseParam(raw, place) !== fallback)
          throw new CircuitError(`${place}: ${rules.backend} takes no ${name} for ${gate.name}, got ${JSON.stringify(raw)}`);
        return;
      }
      if (raw === undefined) throw new CircuitError(`${place} has no value`);
      const value = parseParam(raw, place);
      if (typeof value !== 'number') for (const symbol of value.symbols) if (!symbols.has(symbol)) symbols.set(symbol, `${place} = "${value.text}"`);
      params.push(typeof value === 'number' ? value : { expression: value, where: place });
    });
    const wires = convert ? gate.wires.map((w) => convertWire(w, sites, species)) : [...gate.wires];
    if ((convert || sortWires) && wires.length > 1) wires.sort((a, b) => a - b);
    return { name: gate.name, wires, params };
  });
  return { numWires, wireOrder: backendOrder, instructions, symbols };
}

/**
 * Checks the names that will be bound: none predefined by the expression language, and every
 * free symbol of the circuit among them (an unbound symbol is an error, never a silent 0).
 */
export function checkBindings(prepared: PreparedCircuit, names: readonly string[]): void {
  const predefined = names.filter(isPredefinedName);
  if (predefined.length > 0) {
    throw new CircuitError(
      `${predefined.map((n) => `"${n}"`).join(', ')} ${predefined.length === 1 ? 'is a name' : 'are names'} the expression language predefines (pi, e, i, phi, tau, E, PI, SQRT2, sin, …); rename the scan variable`,
    );
  }
  const bound = new Set(names);
  const unbound = [...prepared.symbols].filter(([symbol]) => !bound.has(symbol));
  if (unbound.length > 0) {
    throw new CircuitError(
      `Unbound symbol${unbound.length === 1 ? '' : 's'} — bind or sweep ${unbound.length === 1 ? 'it' : 'them'}:\n${unbound.map(([s, where]) => `  - ${s}, used in ${where}`).join('\n')}`,
    );
  }
}

/** Options of {@link bindExperiment}. */
export interface BindOptions {
  readonly shots: number;
  readonly seed?: number | undefined;
}

/** A parameter's value with the symbols of `this` scope replaced by their values. */
function valueIn(this: Readonly<Record<string, number>>, param: number | SymbolicParam): number {
  if (typeof param === 'number') return param;
  try {
    return param.expression.evaluate(this);
  } catch (cause) {
    throw new CircuitError(`${param.where}: ${(cause as Error).message}`, { cause });
  }
}

/** An instruction with the symbols of `this` scope replaced by their values; every list is its own. */
function boundIn(this: Readonly<Record<string, number>>, inst: PreparedInstruction): Instruction {
  return [inst.name, inst.wires.slice(), inst.params.map(valueIn, this)];
}

/** One experiment: the prepared circuit with every symbol replaced by its value in `scope`. */
export function bindExperiment(prepared: PreparedCircuit, scope: Readonly<Record<string, number>>, options: BindOptions): Experiment {
  // This makes every instruction of a scan: `map` with the scope as `this` needs no closure per
  // instruction or list, and makes packed lists of the final size (what JSON.stringify is fast on).
  const instructions = prepared.instructions.map(boundIn, scope);
  // Every list is fresh (the prepared wires are sliced, never shared), so none needs copying again.
  return ownedExperiment({ instructions, shots: options.shots, num_wires: prepared.numWires, wire_order: prepared.wireOrder, seed: options.seed });
}
