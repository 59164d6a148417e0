/**
 * quantum-circuit and mathjs for Node: loaded on first use with `require` (both are CommonJS), so
 * importing the plugin costs nothing until a circuit is built (quantum-circuit takes ~0.8 s and
 * 95 MB to load). The browser variant (`libraries.browser.ts`, chosen by the package's `#libraries`
 * import condition) imports them statically so bundlers include them.
 */
import { createRequire } from 'node:module';
import type QuantumCircuit from 'quantum-circuit';

const require = createRequire(import.meta.url);

/**
 * quantum-circuit's antlr4 4.7.2 reads a property of a module that is still loading and Node warns
 * about it ("Accessing non-existent property 'INVALID_ALT_NUMBER'"): harmless, and not the user's
 * to see. Only that warning, and only while the library loads, is held back.
 */
function withoutAntlrWarning<T>(fn: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes('INVALID_ALT_NUMBER')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return fn();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** The QuantumCircuit class. */
export function quantumCircuitClass(): typeof QuantumCircuit {
  return withoutAntlrWarning(() => require('quantum-circuit') as typeof QuantumCircuit);
}

/** The mathjs module (6.x, the copy quantum-circuit uses). */
export function mathjsModule(): unknown {
  return require('mathjs');
}
