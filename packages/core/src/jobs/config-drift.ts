import type { BackendConfiguration, GateConfig } from '@coldatom/backend-config';
import { ColdAtomError } from '../errors.js';
import { canonicalJson, sha256Json } from './payload-hash.js';

/** One difference between the config a payload was compiled against and the backend's current one. */
export interface ConfigChange {
  /** What changed: a top-level field (`max_shots`, `wire_order`, …) or a gate's (`gates.rlx.coupling_map`, `gates.rlz2`). */
  readonly path: string;
  /** A readable account, e.g. `max_shots: 1000000 → 100` or `gate rlz2 removed`. */
  readonly description: string;
}

// Coupling maps are compared as sets of wire lists: the order of the list is not meaningful, the
// order of wires inside one entry is (the server compares entries with ==, protocol.md §8.16).
const couplingKey = (gate: GateConfig): string | null =>
  gate.coupling_map ? canonicalJson(gate.coupling_map.map((wires) => JSON.stringify(wires)).sort()) : null;

/** The top-level fields a compiled payload's validity depends on. */
function limits(config: BackendConfiguration): Record<string, unknown> {
  return {
    n_qubits: config.n_qubits,
    max_shots: config.max_shots ?? null,
    max_experiments: config.max_experiments ?? null,
    wire_order: config.wire_order ?? null,
    num_species: config.num_species ?? null,
    supported_instructions: [...(config.supported_instructions ?? [])].sort(),
  };
}

const show = (value: unknown): string => (value === null ? 'unset' : Array.isArray(value) ? `[${value.join(', ')}]` : String(value));

/**
 * The differences between two configs in what a compiled payload depends on: gates (presence,
 * coupling maps, parameters), supported instructions, wire count, shot and experiment limits,
 * wire order and species count. Descriptions and other cosmetic fields are ignored.
 */
export function configDrift(snapshot: BackendConfiguration, current: BackendConfiguration): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const before = limits(snapshot);
  const after = limits(current);
  for (const field of Object.keys(before)) {
    if (canonicalJson(before[field]) !== canonicalJson(after[field]))
      changes.push({ path: field, description: `${field}: ${show(before[field])} → ${show(after[field])}` });
  }
  const oldGates = new Map(snapshot.gates.map((g) => [g.name, g]));
  const newGates = new Map(current.gates.map((g) => [g.name, g]));
  for (const [name, gate] of oldGates) {
    const now = newGates.get(name);
    if (!now) {
      changes.push({ path: `gates.${name}`, description: `gate ${name} removed` });
      continue;
    }
    if (couplingKey(gate) !== couplingKey(now)) changes.push({ path: `gates.${name}.coupling_map`, description: `gate ${name}: coupling map changed` });
    if (canonicalJson(gate.parameters ?? []) !== canonicalJson(now.parameters ?? [])) {
      changes.push({
        path: `gates.${name}.parameters`,
        description: `gate ${name}: parameters ${show(gate.parameters ?? [])} → ${show(now.parameters ?? [])}`,
      });
    }
  }
  for (const name of newGates.keys()) if (!oldGates.has(name)) changes.push({ path: `gates.${name}`, description: `gate ${name} added` });
  return changes;
}

/** A hash of what a payload's validity depends on (see {@link configDrift}); equal configs in that sense hash equal. */
export function configHash(config: BackendConfiguration): string {
  const gates = [...config.gates]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((gate) => ({ name: gate.name, coupling_map: couplingKey(gate), parameters: gate.parameters ?? [] }));
  return sha256Json({ ...limits(config), gates });
}

/** The backend's config changed, since the payload was compiled, in something the payload depends on. Nothing was submitted. */
export class ConfigDriftError extends ColdAtomError {
  override readonly name = 'ConfigDriftError' as const;
  /** What changed. */
  readonly changes: readonly ConfigChange[];

  constructor(backend: string, changes: readonly ConfigChange[]) {
    super(
      `The configuration of ${backend} changed since the payload was compiled (${changes.map((c) => c.description).join('; ')}); compile and validate again before submitting`,
    );
    this.changes = changes;
  }
}
