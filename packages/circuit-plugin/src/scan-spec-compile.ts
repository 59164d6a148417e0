import { MAX_JSON_DEPTH, pathDeeperThan, type BackendConfiguration } from '@coldatom/backend-config';
import { CircuitError } from './circuit-error.js';
import type { AnyCircuit } from './circuit-types.js';
import { scan, type CompiledScan, type ScanOptions } from './scan.js';
import { ScanSpec } from './scan-spec.js';

/** A scan spec with its circuit loaded (from a file in Node: `loadScanSpec`). */
export interface LoadedScanSpec {
  readonly spec: ScanSpec;
  /** The circuit, in the spec's `wireOrder` when it states one. */
  readonly circuit: AnyCircuit;
  /** Where the spec came from (a file path, or a name the caller chose). */
  readonly file: string;
}

/**
 * Parses a scan spec object (a file's JSON, or one fetched in a browser); every problem is named by
 * its JSON path. Hostile nesting is refused before anything walks it.
 */
export function parseScanSpec(value: unknown, where = 'scan spec'): ScanSpec {
  // A spec is a few levels deep.
  const tooDeep = pathDeeperThan(value, MAX_JSON_DEPTH);
  if (tooDeep)
    throw new CircuitError(`${where} nests more than ${MAX_JSON_DEPTH} levels deep at ${tooDeep.slice(0, 4).join('.')}; a scan spec needs a handful`);
  const parsed = ScanSpec.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new CircuitError(`${where} is not a valid scan spec:\n${lines.join('\n')}`);
}

/** The circuit in the wire order the spec states (refusing a circuit written in the other one). */
export function inSpecWireOrder(spec: ScanSpec, circuit: AnyCircuit, where: string): AnyCircuit {
  if (spec.wireOrder === undefined) return circuit;
  if (circuit.wireOrder !== undefined && circuit.wireOrder !== spec.wireOrder) {
    throw new CircuitError(`${where}: the spec says wireOrder "${spec.wireOrder}" but its circuit is written in "${circuit.wireOrder}"`);
  }
  return circuit.withWireOrder(spec.wireOrder);
}

/**
 * Compiles a loaded spec against the backend's served config: one experiment per scan point,
 * validated (see {@link scan}).
 */
export function compileScanSpec(
  loaded: LoadedScanSpec,
  config: BackendConfiguration,
  options: Omit<ScanOptions, 'shots' | 'config' | 'seed'> = {},
): CompiledScan {
  const { spec } = loaded;
  return scan(
    loaded.circuit,
    { axes: spec.sweep ?? {}, ...(spec.zip === undefined ? {} : { zip: spec.zip }) },
    {
      ...options,
      shots: spec.shots,
      config,
      ...(spec.seed === undefined ? {} : { seed: spec.seed }),
    },
  );
}
