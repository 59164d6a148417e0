import type { BackendConfiguration } from '@coldatom/backend-config';
import { ColdAtomError } from '../errors.js';
import { sha256Json } from './journal.js';

/** The parts of a config a compiled payload depends on. */
function relevant(config: BackendConfiguration): Record<string, unknown> {
  return {
    gates: [...config.gates].map((g) => ({ name: g.name, coupling_map: g.coupling_map ?? null, parameters: g.parameters ?? [] })).sort((a, b) => a.name.localeCompare(b.name)),
    supported_instructions: [...(config.supported_instructions ?? [])].sort(),
    max_shots: config.max_shots ?? null,
    max_experiments: config.max_experiments ?? null,
    n_qubits: config.n_qubits,
    wire_order: config.wire_order ?? null,
    num_species: config.num_species ?? null,
  };
}

/** A hash of what a payload's validity depends on (gates, coupling maps, limits, wire order). */
export function configHash(config: BackendConfiguration): string {
  return sha256Json(relevant(config));
}

/** The backend's config changed since the payload was compiled and validated against it. */
export class ConfigDriftError extends ColdAtomError {
  override readonly name = 'ConfigDriftError' as const;
  /** The fields that differ, e.g. `gates`, `max_shots`. */
  readonly changes: readonly string[];

  constructor(backend: string, changes: readonly string[]) {
    super(`The configuration of ${backend} changed since the payload was compiled (${changes.join(', ')}); compile and validate again before submitting`);
    this.changes = changes;
  }
}

/** The fields a payload depends on that differ between two configs. */
export function configDrift(snapshot: BackendConfiguration, current: BackendConfiguration): string[] {
  const a = relevant(snapshot);
  const b = relevant(current);
  return Object.keys(a).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}
