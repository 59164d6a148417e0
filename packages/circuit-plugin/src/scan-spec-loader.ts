import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_JSON_DEPTH, pathDeeperThan, type BackendConfiguration } from '@coldatom/backend-config';
import { CircuitError } from './circuit-error.js';
import { fromQasm, fromQuantumCircuit } from './circuit-import.js';
import type { AnyCircuit } from './circuit-types.js';
import { scan, type CompiledScan, type ScanOptions } from './scan.js';
import { ScanSpec } from './scan-spec.js';

/** A scan spec read from disk, with its circuit loaded. */
export interface LoadedScanSpec {
  readonly spec: ScanSpec;
  /** The circuit, in the spec's `wireOrder` when it states one. */
  readonly circuit: AnyCircuit;
  /** The spec file's path. */
  readonly file: string;
}

/** Parses a scan spec object; every problem is named by its JSON path. */
export function parseScanSpec(value: unknown, where = 'scan spec'): ScanSpec {
  const parsed = ScanSpec.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new CircuitError(`${where} is not a valid scan spec:\n${lines.join('\n')}`);
}

const isAnyCircuit = (value: unknown): value is AnyCircuit =>
  typeof value === 'object' && value !== null && typeof (value as { gates?: unknown }).gates === 'function' && typeof (value as { withWireOrder?: unknown }).withWireOrder === 'function';

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new CircuitError(`Cannot read ${what} ${file}: ${(cause as Error).message}`, { cause });
  }
}

/** Options of {@link loadScanSpec}. */
export interface LoadScanSpecOptions {
  /**
   * Imports a circuit module given its absolute path. The default is the runtime's own `import()`,
   * which takes `.js`/`.mjs` everywhere and `.ts` only under a TypeScript loader; the `coldatom`
   * command passes one that also takes `.ts` modules.
   * @default (file) => import(pathToFileURL(file).href)
   */
  readonly importModule?: (file: string) => Promise<unknown>;
}

const nativeImport = (file: string): Promise<unknown> => import(pathToFileURL(file).href);

/** The circuit a module exports as `circuit` or `default`: one of ours, or a plain QuantumCircuit. */
async function moduleCircuit(file: string, importModule: (file: string) => Promise<unknown>): Promise<AnyCircuit> {
  let mod: { circuit?: unknown; default?: unknown };
  try {
    mod = (await importModule(file)) as typeof mod;
  } catch (cause) {
    throw new CircuitError(`Cannot import circuit module ${file}: ${(cause as Error).message}`, { cause });
  }
  const exported = mod.circuit ?? mod.default;
  if (exported === undefined) throw new CircuitError(`${file} exports no circuit (as \`circuit\` or default)`);
  return isAnyCircuit(exported) ? exported : fromQuantumCircuit(exported);
}

/**
 * Reads a scan spec. `qasmFile` and `module` paths resolve against the spec's folder; a module
 * exports its circuit as `circuit` or `default` (a cold-atom circuit or a plain QuantumCircuit).
 */
export async function loadScanSpec(file: string, options: LoadScanSpecOptions = {}): Promise<LoadedScanSpec> {
  const text = await readText(file, 'scan spec');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CircuitError(`${file} is not JSON: ${(cause as Error).message}`, { cause });
  }
  // A spec is a few levels deep; hostile nesting is refused before anything walks it.
  const tooDeep = pathDeeperThan(json, MAX_JSON_DEPTH);
  if (tooDeep) throw new CircuitError(`${file} nests more than ${MAX_JSON_DEPTH} levels deep at ${tooDeep.slice(0, 4).join('.')}; a scan spec needs a handful`);
  const spec = parseScanSpec(json, file);
  const dir = path.dirname(path.resolve(file));
  const source = spec.circuit;
  let circuit: AnyCircuit;
  if ('qasm' in source) circuit = fromQasm(source.qasm);
  else if ('qasmFile' in source) circuit = fromQasm(await readText(path.resolve(dir, source.qasmFile), 'OpenQASM file'));
  else circuit = await moduleCircuit(path.resolve(dir, source.module), options.importModule ?? nativeImport);
  if (spec.wireOrder !== undefined) {
    if (circuit.wireOrder !== undefined && circuit.wireOrder !== spec.wireOrder) {
      throw new CircuitError(`${file}: the spec says wireOrder "${spec.wireOrder}" but its circuit is written in "${circuit.wireOrder}"`);
    }
    circuit = circuit.withWireOrder(spec.wireOrder);
  }
  return { spec, circuit, file };
}

/**
 * Compiles a loaded spec against the backend's served config: one experiment per scan point,
 * validated (see {@link scan}).
 */
export function compileScanSpec(loaded: LoadedScanSpec, config: BackendConfiguration, options: Omit<ScanOptions, 'shots' | 'config' | 'seed'> = {}): CompiledScan {
  const { spec } = loaded;
  return scan(loaded.circuit, { axes: spec.sweep ?? {}, ...(spec.zip === undefined ? {} : { zip: spec.zip }) }, {
    ...options,
    shots: spec.shots,
    config,
    ...(spec.seed === undefined ? {} : { seed: spec.seed }),
  });
}
