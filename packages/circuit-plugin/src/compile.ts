import { rulesFor, type BackendConfiguration, type BackendRules } from '@coldatom/backend-config';
import { ColdAtomError, experiment as makeExperiment, type Experiment, type Instruction, type WireOrder } from '@coldatom/core';
import type { ColdAtomCircuit } from './circuit.js';
import { gateParams } from './internal/quantum-circuit.js';
import { expression } from './internal/math.js';

/** Options of {@link compileExperiment}. */
export interface CompileOptions {
  readonly shots: number;
  /** The backend's config: gives `wire_order` and `num_species`. */
  readonly config: BackendConfiguration;
  /** Values of the circuit's symbolic parameters. */
  readonly bindings?: Readonly<Record<string, number>>;
  readonly seed?: number;
}

const rulesCache = new WeakMap<BackendConfiguration, BackendRules>();
function rulesOf(config: BackendConfiguration): BackendRules {
  let rules = rulesCache.get(config);
  if (!rules) rulesCache.set(config, (rules = rulesFor(config)));
  return rules;
}

/** sequential → interleaved: i → (i mod sites)·species + ⌊i / sites⌋ (protocol.md §2.3). */
export function sequentialToInterleaved(wire: number, numSites: number, numSpecies: number): number {
  return (wire % numSites) * numSpecies + Math.floor(wire / numSites);
}

/** interleaved → sequential: i → (i mod species)·sites + ⌊i / species⌋. */
export function interleavedToSequential(wire: number, numSites: number, numSpecies: number): number {
  return (wire % numSpecies) * numSites + Math.floor(wire / numSpecies);
}

/**
 * Circuit + bindings + shots → one experiment, as the reference client builds it: instructions in
 * the author's order, parameters in the gate definition's order as numbers, wires converted to the
 * backend's convention when the circuit states another and the backend has several species
 * (multi-wire lists then sorted), `wire_order` from the config.
 */
export function compileExperiment(circuit: ColdAtomCircuit, options: CompileOptions): Experiment {
  const backendOrder: WireOrder = options.config.wire_order ?? 'sequential';
  const species = options.config.num_species ?? 1;
  const from = circuit.wireOrder ?? backendOrder;
  const numWires = circuit.width;
  const convert = from !== backendOrder && species > 1;
  const sites = numWires / species;
  if (convert && !Number.isInteger(sites)) throw new ColdAtomError(`A ${numWires}-wire circuit cannot be split into ${species} species for wire-order conversion`);
  const mapWire = (w: number): number => (!convert ? w : from === 'sequential' ? sequentialToInterleaved(w, sites, species) : interleavedToSequential(w, sites, species));
  const scope = options.bindings ?? {};
  const rules = rulesOf(options.config);
  const instructions: Instruction[] = circuit.gates().map((gate, index) => {
    // The backend's own parameter list wins: `load` takes N on spin backends and nothing on fermions.
    const names = rules.instructions[gate.name]?.params.map((p) => p.name) ?? gateParams(gate.name) ?? [];
    const params = names.map((name) => {
      const raw = gate.params[name];
      if (raw === undefined) throw new ColdAtomError(`Instruction ${index} (${gate.name}) has no value for parameter ${name}`);
      if (typeof raw === 'number') return raw;
      try {
        return expression(raw).evaluate(scope);
      } catch (error) {
        throw new ColdAtomError(`Instruction ${index} (${gate.name}), parameter ${name}: ${(error as Error).message}`, { cause: error });
      }
    });
    const wires = gate.wires.map(mapWire);
    // The server compares coupling-map entries order-sensitively; the reference client sorts.
    if (convert && wires.length > 1) wires.sort((a, b) => a - b);
    return [gate.name, wires, params];
  });
  return makeExperiment({ instructions, shots: options.shots, num_wires: numWires, wire_order: options.config.wire_order ?? 'sequential', seed: options.seed });
}
