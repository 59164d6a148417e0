import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BackendConfiguration } from '@coldatom/backend-config';
import { ColdAtomError } from '@coldatom/core';
import { ColdAtomCircuit, circuitFromQasm, circuitFromQuantumCircuit } from './circuit.js';
import { scan, type CompiledScan, type ScanOptions } from './scan.js';
import { ScanSpec } from './scan-spec.js';

/** A scan spec read from disk, with its circuit loaded. */
export interface LoadedScanSpec {
  readonly spec: ScanSpec;
  readonly circuit: ColdAtomCircuit;
  /** The spec file's path. */
  readonly file: string;
}

/** Parses a scan spec object; every problem is named by its JSON path. */
export function parseScanSpec(value: unknown, where = 'scan spec'): ScanSpec {
  const parsed = ScanSpec.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new ColdAtomError(`${where} is not a valid scan spec:\n${lines.join('\n')}`);
}

/**
 * Reads a scan spec; `qasmFile` and `module` paths resolve against the spec's folder. A module
 * exports its circuit as `default` or `circuit` (a ColdAtomCircuit or a plain QuantumCircuit).
 */
export async function loadScanSpec(file: string): Promise<LoadedScanSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ColdAtomError(`Cannot read scan spec ${file}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ColdAtomError(`${file} is not JSON: ${(cause as Error).message}`, { cause });
  }
  const spec = parseScanSpec(json, file);
  const dir = path.dirname(path.resolve(file));
  const options = { backend: spec.backend, ...(spec.wireOrder ? { wireOrder: spec.wireOrder } : {}) };
  let circuit: ColdAtomCircuit;
  if ('qasm' in spec.circuit) circuit = circuitFromQasm(spec.circuit.qasm, options);
  else if ('qasmFile' in spec.circuit) circuit = circuitFromQasm(await readFile(path.resolve(dir, spec.circuit.qasmFile), 'utf8'), options);
  else {
    const mod = (await import(pathToFileURL(path.resolve(dir, spec.circuit.module)).href)) as { default?: unknown; circuit?: unknown };
    const exported = mod.circuit ?? mod.default;
    circuit = exported instanceof ColdAtomCircuit ? exported : circuitFromQuantumCircuit(exported, options);
  }
  return { spec, circuit, file };
}

/** Compiles a loaded spec against a backend config: one experiment per scan point, validated. */
export function compileScanSpec(loaded: LoadedScanSpec, config: BackendConfiguration, options: Omit<ScanOptions, 'shots' | 'config' | 'seed'> = {}): CompiledScan {
  const { spec } = loaded;
  return scan(loaded.circuit, { axes: spec.sweep, ...(spec.zip === undefined ? {} : { zip: spec.zip }) }, {
    ...options,
    shots: spec.shots,
    config,
    ...(spec.seed === undefined ? {} : { seed: spec.seed }),
  });
}
