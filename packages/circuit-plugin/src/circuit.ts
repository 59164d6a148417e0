import { isReferenceBackendName, referenceBackend, type BackendConfiguration, gateParameters, type ReferenceBackendName } from '@coldatom/backend-config';
import { ColdAtomError, type WireOrder } from '@coldatom/core';
import { asCircuit, fromQasm, gateParams, installGate, newCircuit, placeGate, save, toQasm, toSvg, walk, type Circuit, type ParamValue, type PlacedGate } from './internal/quantum-circuit.js';

export type { PlacedGate };

/** A parameter: a number, or an expression over scan variables such as `'theta'` or `'theta/2'`. */
export type Param = number | string;

/**
 * A circuit of cold-atom instructions, backed by a quantum-circuit `QuantumCircuit`. Gates keep
 * the order they are written in.
 *
 * @example
 * const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);
 */
export class ColdAtomCircuit {
  /** The backend the circuit is written for, when known. */
  readonly backend: string | undefined;
  /** The wire convention the circuit is written in; undefined = the backend's own. */
  readonly wireOrder: WireOrder | undefined;
  readonly #circuit: Circuit;

  /** Wraps a quantum-circuit `QuantumCircuit` (typed `unknown` so no vendor type leaks into ours). */
  constructor(circuit: unknown, options: { readonly backend?: string; readonly wireOrder?: WireOrder } = {}) {
    this.#circuit = asCircuit(circuit);
    this.backend = options.backend;
    this.wireOrder = options.wireOrder;
  }

  /** Number of wires. */
  get width(): number {
    return this.#circuit.numQubits;
  }

  /** Adds any installed instruction; parameters in the gate definition's order. */
  gate(name: string, wires: number | readonly number[], ...params: Param[]): this {
    const list = typeof wires === 'number' ? [wires] : [...wires];
    const names = gateParams(name) ?? [];
    if (name !== 'measure' && name !== 'barrier' && !gateParams(name)) throw new ColdAtomError(`Unknown cold-atom instruction "${name}"`);
    if (params.length > names.length) throw new ColdAtomError(`${name} takes ${names.length} parameter${names.length === 1 ? '' : 's'} (${names.join(', ')}), got ${params.length}`);
    const bound: Record<string, ParamValue> = {};
    params.forEach((p, i) => (bound[names[i]!] = p));
    placeGate(this.#circuit, name, list, bound);
    return this;
  }

  /** `load` N atoms (spin backends) or one fermion (fermions: no N). */
  load(wire: number, atoms?: Param): this {
    // quantum-circuit's exporters need every defined parameter; a fermion load has none, and the
    // compiler reads only the parameters the backend defines, so the placeholder never reaches a payload.
    return this.gate('load', wire, atoms ?? 0);
  }
  /** exp(−i ω Lx). */
  rlx(wire: number, omega: Param): this {
    return this.gate('rlx', wire, omega);
  }
  /** exp(−i δ Lz). */
  rlz(wire: number, delta: Param): this {
    return this.gate('rlz', wire, delta);
  }
  /** exp(−i χ Lz²) (one-axis twisting). */
  rlz2(wire: number, chi: Param): this {
    return this.gate('rlz2', wire, chi);
  }
  /** exp(−i (ω Lx + δ Lz + χ Lz²)). */
  sqFull(wire: number, omega: Param, delta: Param, chi: Param): this {
    return this.gate('sq_full', wire, omega, delta, chi);
  }
  /** Flip-flop exchange between neighbouring qudits. */
  rlxly(wires: readonly number[], j: Param): this {
    return this.gate('rlxly', wires, j);
  }
  /** Lz·Lz coupling between neighbouring qudits. */
  rlzlz(wires: readonly number[], j: Param): this {
    return this.gate('rlzlz', wires, j);
  }
  /** Hopping of both spin states between two tweezers: wires [a, b, c, d]. */
  fhop(wires: readonly number[], theta: Param): this {
    return this.gate('fhop', wires, theta);
  }
  /** On-site interaction over all tweezers. */
  fint(wires: readonly number[], u: Param): this {
    return this.gate('fint', wires, u);
  }
  /** Phase on one tweezer's two modes. */
  fphase(wires: readonly number[], mu: Param): this {
    return this.gate('fphase', wires, mu);
  }
  /** Rydberg blockade over all atoms. */
  rydbergBlock(wires: readonly number[], phi: Param): this {
    return this.gate('rydberg_block', wires, phi);
  }
  /** Measures one wire. */
  measure(wire: number): this {
    return this.gate('measure', wire);
  }
  /** Measures every wire in order (after a barrier, as qiskit's measure_all). */
  measureAll(): this {
    this.gate('barrier', Array.from({ length: this.width }, (_, i) => i));
    for (let w = 0; w < this.width; w++) this.measure(w);
    return this;
  }
  /** No-op separator. */
  barrier(wires: readonly number[]): this {
    return this.gate('barrier', wires);
  }

  /** The gates in time order, with their raw (possibly symbolic) parameters. */
  gates(): PlacedGate[] {
    return walk(this.#circuit);
  }
  /** OpenQASM 2 text (the cold-atom gates keep their parameters). */
  toQasm(): string {
    return toQasm(this.#circuit);
  }
  /** An SVG drawing with the gates' labels. */
  toSvg(): string {
    return toSvg(this.#circuit);
  }
  /** quantum-circuit's JSON save format. */
  toJSON(): unknown {
    return save(this.#circuit);
  }
}

/** A new circuit for a reference backend (`singlequdit`, `fermions`, …), sized to its wires. */
export function coldAtomCircuit(backend: ReferenceBackendName | string, options: { readonly wires?: number; readonly wireOrder?: WireOrder } = {}): ColdAtomCircuit {
  const wires = options.wires ?? (isReferenceBackendName(backend) ? referenceBackend(backend).experiment.numWires.max : 1);
  return new ColdAtomCircuit(newCircuit(wires), { backend, ...(options.wireOrder ? { wireOrder: options.wireOrder } : {}) });
}

/** A circuit from OpenQASM 2 text using the cold-atom gates (`load(50) q[0]; rlx(theta) q[0];`). */
export function circuitFromQasm(text: string, options: { readonly backend?: string; readonly wireOrder?: WireOrder } = {}): ColdAtomCircuit {
  return new ColdAtomCircuit(fromQasm(text), options);
}

/** Wraps a plain QuantumCircuit built by hand. */
export function circuitFromQuantumCircuit(circuit: unknown, options: { readonly backend?: string; readonly wireOrder?: WireOrder } = {}): ColdAtomCircuit {
  return new ColdAtomCircuit(asCircuit(circuit), options);
}

/** Installs the gates a served config names but the catalog does not know (from its `gates` list). */
export function installConfigGates(config: BackendConfiguration): void {
  for (const gate of config.gates) installGate(gate.name, gateParameters(gate));
}
