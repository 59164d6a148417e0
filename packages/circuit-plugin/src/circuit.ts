import {
  isReferenceBackendName,
  referenceBackends,
  rulesFor,
  type BackendConfiguration,
  type BackendRules,
  type ReferenceBackendName,
} from '@coldatom/backend-config';
import type { WireOrder } from '@coldatom/core';
import { CircuitError } from './circuit-error.js';
import type { AllWires, BackendCircuits, CircuitCore, GateMethods, Param, PlacedGate } from './circuit-types.js';
import { installColdAtomGates, installConfigGates, parameterDefault } from './gate-set.js';
import { parseParam } from './prepared-circuit.js';
import {
  circuitToQasm,
  circuitToSaved,
  circuitToSvg,
  circuitWidth,
  installedParams,
  isCircuit,
  newCircuit,
  placeGate,
  walk,
  type Circuit,
} from './internal/quantum-circuit.js';

/** Options of a circuit: what it is written for. */
export interface CircuitOptions {
  /** A reference backend's name, or a served configuration (its gates are installed on demand). */
  readonly backend?: ReferenceBackendName | BackendConfiguration;
  /** The wire convention the circuit is written in. @default the backend's own: no conversion */
  readonly wireOrder?: WireOrder;
}

/** The config of a backend given by name or config; an unknown name is refused. */
function configFor(backend: ReferenceBackendName | BackendConfiguration): BackendConfiguration {
  if (typeof backend !== 'string') return backend;
  if (!isReferenceBackendName(backend)) {
    throw new CircuitError(`"${backend}" is not a reference backend (${Object.keys(referenceBackends).join(', ')}); pass its served config instead`);
  }
  return referenceBackends[backend].config;
}

const describeCall = (name: string, wires: readonly number[], params: readonly unknown[]): string =>
  `${name}(${[JSON.stringify(wires), ...params.map((p) => JSON.stringify(p))].join(', ')})`;

/**
 * A circuit of cold-atom instructions over a quantum-circuit `QuantumCircuit`. Gates keep the order
 * they are written in; every call is checked (known instruction, the backend has it, integer wires
 * inside the circuit and distinct, the right number of finite numbers or parseable expressions).
 * Reference backends get a narrower type from {@link coldAtomCircuit} listing only their gates.
 *
 * @example
 * const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);
 */
export class ColdAtomCircuit implements CircuitCore<ColdAtomCircuit>, GateMethods<ColdAtomCircuit> {
  readonly backend: string | undefined;
  readonly config: BackendConfiguration | undefined;
  readonly wireOrder: WireOrder | undefined;
  readonly #circuit: Circuit;
  readonly #rules: BackendRules | undefined;
  readonly #options: CircuitOptions;

  /** Wraps a `QuantumCircuit` (typed `unknown`: the library's types stay inside this package). */
  constructor(circuit: unknown, options: CircuitOptions = {}) {
    installColdAtomGates();
    if (!isCircuit(circuit)) throw new CircuitError('Expected a QuantumCircuit of the quantum-circuit package');
    this.#circuit = circuit;
    this.#options = options;
    const { backend } = options;
    this.config = backend === undefined ? undefined : configFor(backend);
    if (this.config) installConfigGates(this.config);
    this.backend = typeof backend === 'string' ? backend : (backend?.display_name ?? backend?.backend_name);
    this.wireOrder = options.wireOrder;
    this.#rules = this.config ? rulesFor(this.config) : undefined;
  }

  get width(): number {
    return circuitWidth(this.#circuit);
  }

  gate(name: string, wires: number | readonly number[], ...params: Param[]): this {
    const list = typeof wires === 'number' ? [wires] : [...wires];
    const call = describeCall(name, list, params);
    const paramNames = name === 'measure' || name === 'barrier' ? [] : installedParams(name);
    if (!paramNames) throw new CircuitError(`${call}: ${name} is not a cold-atom instruction; install a served config's gates with installConfigGates(config)`);
    const rules = this.#rules;
    if (rules && !rules.supportedInstructions.includes(name)) {
      throw new CircuitError(`${call}: ${this.backend} has no instruction ${name}; its instructions: ${rules.supportedInstructions.join(', ')}`);
    }
    this.#checkWires(call, list);
    if (params.length > paramNames.length) {
      throw new CircuitError(
        `${call}: ${name} takes ${paramNames.length} parameter${paramNames.length === 1 ? '' : 's'}${paramNames.length ? ` (${paramNames.join(', ')})` : ''}, got ${params.length}`,
      );
    }
    const taken = rules?.instructions[name]?.params.length ?? paramNames.length;
    const values: Record<string, Param> = {};
    paramNames.forEach((param, k) => {
      const fallback = parameterDefault(name, param);
      const value = params[k] ?? fallback;
      if (value === undefined) throw new CircuitError(`${call}: ${name} needs ${paramNames.length} parameters (${paramNames.join(', ')}); ${param} is missing`);
      parseParam(value, `${call}: parameter ${param}`);
      if (k >= taken && value !== fallback)
        throw new CircuitError(`${call}: ${name} on ${this.backend} takes no ${param} (it is always ${fallback ?? 'absent'})`);
      values[param] = value;
    });
    placeGate(this.#circuit, name, list, values);
    return this;
  }

  load(wire: number, atoms?: Param): this {
    return atoms === undefined ? this.gate('load', wire) : this.gate('load', wire, atoms);
  }
  rlx(wire: number, omega: Param): this {
    return this.gate('rlx', wire, omega);
  }
  rlz(wire: number, delta: Param): this {
    return this.gate('rlz', wire, delta);
  }
  rlz2(wire: number, chi: Param): this {
    return this.gate('rlz2', wire, chi);
  }
  sqFull(wire: number, omega: Param, delta: Param, chi: Param): this {
    return this.gate('sq_full', wire, omega, delta, chi);
  }
  rlxly(wires: readonly number[], j: Param): this {
    return this.gate('rlxly', wires, j);
  }
  rlzlz(wires: readonly number[], j: Param): this {
    return this.gate('rlzlz', wires, j);
  }
  multiquditFull(wires: AllWires, omega: Param, delta: Param, chi: Param, jxy: Param, jzz: Param): this {
    return this.gate('multiqudit_full', this.#wires(wires), omega, delta, chi, jxy, jzz);
  }
  fhop(wires: readonly [number, number, number, number], theta: Param): this {
    return this.gate('fhop', wires, theta);
  }
  fint(wires: AllWires, u: Param): this {
    return this.gate('fint', this.#wires(wires), u);
  }
  fphase(wires: readonly [number, number], mu: Param): this {
    return this.gate('fphase', wires, mu);
  }
  rydbergBlock(wires: AllWires, phi: Param): this {
    return this.gate('rydberg_block', this.#wires(wires), phi);
  }
  rydbergFull(wires: AllWires, omega: Param, delta: Param, phi: Param): this {
    return this.gate('rydberg_full', this.#wires(wires), omega, delta, phi);
  }
  measure(wire: number): this {
    return this.gate('measure', wire);
  }
  measureAll(): this {
    this.barrier();
    for (let wire = 0; wire < this.width; wire++) this.measure(wire);
    return this;
  }
  barrier(wires: readonly number[] = this.#wires('all')): this {
    return this.gate('barrier', wires);
  }

  gates(): PlacedGate[] {
    return walk(this.#circuit).map((g) => ({
      name: g.name,
      wires: g.wires,
      paramNames: g.paramNames ?? [],
      params: g.params,
      known: g.paramNames !== undefined,
      conditioned: g.conditioned,
      userGate: g.userGate,
      strayParams: g.strayParams,
    }));
  }
  withWireOrder(order: WireOrder): this {
    return new ColdAtomCircuit(this.#circuit, { ...this.#options, wireOrder: order }) as this;
  }
  toQasm(): string {
    return circuitToQasm(this.#circuit);
  }
  toSvg(): string {
    return circuitToSvg(this.#circuit);
  }
  toJSON(): unknown {
    return circuitToSaved(this.#circuit);
  }

  #wires(wires: AllWires): readonly number[] {
    return wires === 'all' ? Array.from({ length: this.width }, (_, i) => i) : wires;
  }

  #checkWires(call: string, wires: readonly number[]): void {
    // quantum-circuit silently drops a gate listing a wire twice and throws a TypeError on a negative one.
    if (wires.length === 0) throw new CircuitError(`${call}: a gate needs at least one wire`);
    const bad = wires.find((w) => !Number.isInteger(w) || w < 0 || w >= this.width);
    if (bad !== undefined) throw new CircuitError(`${call}: wire ${bad} is outside this ${this.width}-wire circuit (wires 0…${this.width - 1})`);
    if (new Set(wires).size !== wires.length) throw new CircuitError(`${call}: a wire is listed twice`);
  }
}

/** Options of {@link coldAtomCircuit}. */
export interface NewCircuitOptions {
  /** Number of wires (the compiled `num_wires`). @default the backend's largest */
  readonly wires?: number;
  /** The wire convention the circuit is written in. @default the backend's own: no conversion */
  readonly wireOrder?: WireOrder;
}

/**
 * A new empty circuit for a backend: a reference backend's name (the result lists only that
 * backend's gates) or a served configuration (its gates unknown to the catalog are installed).
 *
 * @example
 * coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);
 * coldAtomCircuit('fermions', { wireOrder: 'sequential' }).load(0).load(4).fhop([0, 4, 1, 5], 'j').measureAll();
 */
export function coldAtomCircuit<B extends ReferenceBackendName>(backend: B, options?: NewCircuitOptions): BackendCircuits[B];
export function coldAtomCircuit(backend: ReferenceBackendName | BackendConfiguration, options?: NewCircuitOptions): ColdAtomCircuit;
export function coldAtomCircuit(backend: ReferenceBackendName | BackendConfiguration, options: NewCircuitOptions = {}): ColdAtomCircuit {
  const config = configFor(backend);
  const wires = options.wires ?? (typeof backend === 'string' ? referenceBackends[backend].experiment.numWires.max : config.n_qubits);
  if (!Number.isInteger(wires) || wires < 1) throw new CircuitError(`A circuit needs a whole number of wires ≥ 1, got ${wires}`);
  // Before the instance exists, so that its own gate table (used for drawing) holds them.
  installConfigGates(config);
  return new ColdAtomCircuit(newCircuit(wires), { backend, ...(options.wireOrder === undefined ? {} : { wireOrder: options.wireOrder }) });
}
