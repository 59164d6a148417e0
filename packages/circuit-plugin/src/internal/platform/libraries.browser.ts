/**
 * quantum-circuit and mathjs for browsers: imported statically so a bundler includes them (the
 * Node variant, `libraries.node.ts`, loads them lazily with `require`). antlr4, which
 * quantum-circuit uses, guards a `require("fs")` it never reaches in a browser: bundlers should
 * leave `fs` external (esbuild `--external:fs`; Vite does so by itself).
 */
import * as mathjs from 'mathjs';
import QuantumCircuit from 'quantum-circuit';

/** The QuantumCircuit class. */
export function quantumCircuitClass(): typeof QuantumCircuit {
  return QuantumCircuit;
}

/** The mathjs module (6.x, the copy quantum-circuit uses). */
export function mathjsModule(): unknown {
  return mathjs;
}
