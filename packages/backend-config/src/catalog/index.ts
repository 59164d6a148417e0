import type { BackendConfiguration } from '../config.js';
import type { ReferenceBackend, ReferenceBackendName } from '../catalog-types.js';
import { backendRules } from './rules.js';
import { servedConfigs } from './served-configs.js';
import { UnknownBackendError } from './unknown-backend-error.js';

/** A reference backend with its served configuration. */
export interface CatalogEntry extends ReferenceBackend {
  /** The `get_config` body the reference server serves. */
  readonly config: BackendConfiguration;
}

/** The reference backends of protocol.md §6, with their served configs and the servers' rules. */
export const referenceBackends: Readonly<Record<ReferenceBackendName, CatalogEntry>> = Object.fromEntries(
  (Object.keys(backendRules) as ReferenceBackendName[]).map((name) => [name, { ...backendRules[name], config: servedConfigs[name] }]),
) as Record<ReferenceBackendName, CatalogEntry>;

/** The names of the reference backends. */
export const referenceBackendNames = Object.keys(backendRules) as ReferenceBackendName[];

/** True for `singlequdit`, `multiqudit`, `fermions`, `rydberg`, `mot`. */
export function isReferenceBackendName(name: string): name is ReferenceBackendName {
  return Object.hasOwn(backendRules, name);
}

/** The catalog entry of a reference backend; throws for another name. */
export function referenceBackend(name: string): CatalogEntry {
  if (!isReferenceBackendName(name)) {
    throw new UnknownBackendError(name, referenceBackendNames);
  }
  return referenceBackends[name];
}
