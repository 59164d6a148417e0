import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';

// Scan specs may name a `.ts` circuit module. Node 20 cannot import TypeScript, and users of the
// installed command have no tsx; jiti is the loader tools use for exactly this (TypeScript config
// files), so `.ts`/`.mts`/`.cts` go through it and everything else through Node's own import().
const TYPESCRIPT = /\.[mc]?tsx?$/i;

let jiti: ReturnType<typeof createJiti> | undefined;

/** Imports a circuit module by absolute path, TypeScript included. */
export function importCircuitModule(file: string): Promise<unknown> {
  if (!TYPESCRIPT.test(file)) return import(pathToFileURL(file).href);
  jiti ??= createJiti(import.meta.url, { interopDefault: false, moduleCache: true, fsCache: false });
  return jiti.import(file);
}
