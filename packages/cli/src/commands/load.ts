import { compileScanSpec, loadScanSpec, type CompiledScan, type LoadedScanSpec } from '@coldatom/circuit-plugin';
import { backendFor, FileJobJournal, type JobsBackend } from '@coldatom/core';
import type { BackendConfiguration } from '@coldatom/backend-config';
// Registers the `local:` scheme.
import '@coldatom/simulator';
import { journalDir } from '../paths.js';

/** A spec compiled against its backend, ready to submit. */
export interface PreparedScan {
  readonly loaded: LoadedScanSpec;
  readonly backend: JobsBackend;
  readonly config: BackendConfiguration;
  readonly compiled: CompiledScan;
}

/** Loads a spec, connects to its backend (or the override) and compiles + validates the scan. */
export async function prepareScan(specFile: string, backendOverride?: string, onWarning?: (message: string) => void): Promise<PreparedScan> {
  const loaded = await loadScanSpec(specFile);
  const target = backendOverride ?? loaded.spec.backend;
  const backend = backendFor(target, { jobs: { journal: new FileJobJournal(journalDir()), polling: { initialIntervalMs: 100, maxIntervalMs: 2000 } } });
  const config = await backend.config();
  const compiled = compileScanSpec(loaded, config, { ...(onWarning ? { onWarning: (p) => onWarning(p.message) } : {}) });
  return { loaded, backend, config, compiled };
}
