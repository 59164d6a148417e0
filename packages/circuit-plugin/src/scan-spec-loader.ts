import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CircuitError } from './circuit-error.js';
import { fromQasm, fromQuantumCircuit } from './circuit-import.js';
import type { AnyCircuit } from './circuit-types.js';
import { inSpecWireOrder, parseScanSpec, type LoadedScanSpec } from './scan-spec-compile.js';

const isAnyCircuit = (value: unknown): value is AnyCircuit =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { gates?: unknown }).gates === 'function' &&
  typeof (value as { withWireOrder?: unknown }).withWireOrder === 'function';

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
  const spec = parseScanSpec(json, file);
  const dir = path.dirname(path.resolve(file));
  const source = spec.circuit;
  let circuit: AnyCircuit;
  if ('qasm' in source) circuit = fromQasm(source.qasm);
  else if ('qasmFile' in source) circuit = fromQasm(await readText(path.resolve(dir, source.qasmFile), 'OpenQASM file'));
  else circuit = await moduleCircuit(path.resolve(dir, source.module), options.importModule ?? nativeImport);
  return { spec, circuit: inSpecWireOrder(spec, circuit, file), file };
}
