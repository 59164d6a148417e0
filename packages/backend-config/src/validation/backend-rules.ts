import type { ExperimentRule, InstructionRule, ReferenceBackendName } from '../catalog-types.js';
import { isReferenceBackendName, referenceBackend } from '../catalog/index.js';
import { gateParameters, type BackendConfiguration } from '../config.js';

/** Everything the validation engine checks a payload against. */
export interface BackendRules {
  /** Backend name for messages. */
  readonly backend: string;
  /** Set when the rules are the catalog's (ranges, arities, crash rules known). */
  readonly reference?: ReferenceBackendName;
  readonly supportedInstructions: readonly string[];
  readonly experiment: ExperimentRule;
  /** Rules per instruction name; an instruction without an entry is checked only by name. */
  readonly instructions: Readonly<Record<string, InstructionRule>>;
}

/** The catalog's rules of a reference backend. */
export function rulesForReference(name: ReferenceBackendName): BackendRules {
  const entry = referenceBackend(name);
  return {
    backend: name,
    reference: name,
    supportedInstructions: entry.config.supported_instructions ?? Object.keys(entry.instructions),
    experiment: entry.experiment,
    instructions: entry.instructions,
  };
}

// Every sqooler server rejects negative parameters (protocol.md §8.19); the upper bound of a gate
// unknown to the catalog is not served, so it stays open.
const OPEN_PARAMETER = { min: 0, max: Number.POSITIVE_INFINITY, integer: false } as const;

/**
 * Rules derived from a served configuration alone, for backends the catalog does not know:
 * instruction names, coupling maps, parameter counts, shot and experiment limits, wire count.
 */
export function rulesFromConfig(config: BackendConfiguration): BackendRules {
  const maxWire = Math.max(0, config.n_qubits - 1);
  const instructions: Record<string, InstructionRule> = {};
  for (const gate of config.gates) {
    const couplingMap = gate.coupling_map?.filter((wires) => wires.length > 0);
    instructions[gate.name] = {
      name: gate.name,
      operator: gate.description ?? gate.name,
      serverModel: `${gate.name}Instruction`,
      wireCount: { min: 0, max: config.n_qubits },
      maxWire,
      ...(couplingMap && couplingMap.length > 0 ? { couplingMap } : {}),
      params: gateParameters(gate).map((name) => ({ name, ...OPEN_PARAMETER })),
      isGate: true,
    };
  }
  return {
    backend: config.display_name ?? config.backend_name,
    supportedInstructions: config.supported_instructions ?? [...config.gates.map((g) => g.name), 'load', 'measure', 'barrier'],
    experiment: {
      serverModel: 'Experiment',
      numWires: { min: 1, max: Math.max(1, config.n_qubits) },
      wireOrders: ['interleaved', 'sequential'],
      maxShots: config.max_shots ?? Number.MAX_SAFE_INTEGER,
      maxExperiments: config.max_experiments ?? Number.MAX_SAFE_INTEGER,
    },
    instructions,
  };
}

// Circuits, compiles and validations of one scan all ask for the same config's rules.
const rulesByConfig = new WeakMap<BackendConfiguration, BackendRules>();

/**
 * The best rules for a served config: the catalog's when it names a reference backend with the
 * same instruction set (the catalog adds ranges and crash rules the config does not carry),
 * otherwise rules derived from the config. Built once per config object.
 */
export function rulesFor(config: BackendConfiguration): BackendRules {
  let rules = rulesByConfig.get(config);
  if (!rules) {
    rules = bestRulesFor(config);
    rulesByConfig.set(config, rules);
  }
  return rules;
}

function bestRulesFor(config: BackendConfiguration): BackendRules {
  const name = config.display_name;
  if (name && isReferenceBackendName(name)) {
    const reference = rulesForReference(name);
    const served = [...(config.supported_instructions ?? [])].sort().join();
    if (served === [...reference.supportedInstructions].sort().join()) return reference;
  }
  return rulesFromConfig(config);
}
