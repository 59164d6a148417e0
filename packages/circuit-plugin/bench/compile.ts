/**
 * Compiling and validating a 1000-point scan of a 50-instruction circuit, side by side with
 * JSON.stringify of the result and with compiling alone; then what importing each package costs
 * (fresh child processes) and whether it loads quantum-circuit or mathjs. Runs in a child process
 * on the built package (bench/support/built-child.ts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sweep } from '@coldatom/circuit-plugin';
import { isBenchChild, runOnBuild } from '../../../bench/support/built-child.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The fastest of `rounds` timings of each piece of work, the pieces taking turns within each round:
 * each figure then meets the same machine (a slow spell, a collection the previous piece left
 * behind) as the others, and a ratio of two is not one of a quiet and a busy moment.
 */
function fastestAlternated(rounds: number, works: readonly (() => void)[]): number[] {
  const best = works.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < rounds; round++) {
    works.forEach((work, k) => {
      const start = performance.now();
      work();
      best[k] = Math.min(best[k] ?? Number.POSITIVE_INFINITY, performance.now() - start);
    });
  }
  return best;
}

interface ImportCost {
  readonly importMs: number;
  readonly loadsQuantumCircuit: boolean;
  readonly loadsMathjs: boolean;
  /** Building a first circuit after the import (the plugin loads its libraries then). */
  readonly firstCircuitMs?: number;
}

/** Imports `pkg` in a fresh process and lists what it loaded (require.cache holds every CommonJS module, imported or required). */
function importCost(pkg: string, buildCircuit: boolean): ImportCost {
  const script = `
    const { createRequire } = await import('node:module');
    const loaded = () => Object.keys(createRequire(import.meta.url).cache);
    const start = performance.now();
    const mod = await import('${pkg}');
    const importMs = performance.now() - start;
    const files = loaded();
    const out = { importMs, loadsQuantumCircuit: files.some((f) => f.includes('/quantum-circuit/')), loadsMathjs: files.some((f) => f.includes('/mathjs/')) };
    if (${buildCircuit}) { const t = performance.now(); mod.coldAtomCircuit('singlequdit').load(0, 5).rlx(0, 'theta').measure(0); out.firstCircuitMs = performance.now() - t; }
    console.log(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--conditions=@coldatom/source', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: PACKAGE_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ImportCost;
}

/** Runs in a child process on the built package (see bench/support/built-child.ts). */
export async function run(): Promise<void> {
  runOnBuild(import.meta.url);
}

async function main(): Promise<void> {
  // Imported here: the parent process that only starts the child never loads the plugin.
  const { coldAtomCircuit, scan } = await import('@coldatom/circuit-plugin');
  const circuit = coldAtomCircuit('singlequdit').load(0, 50);
  for (let i = 0; i < 24; i++) circuit.rlx(0, 'theta/24').rlz(0, `theta/${i + 2}`);
  circuit.measure(0);
  const sweep: Sweep = { axes: { theta: { linspace: [0, Math.PI, 1000] } } };
  let payload: unknown = scan(circuit, sweep, { shots: 100 }).payload;
  const [validated = Number.NaN, compiledOnly = Number.NaN, stringify = Number.NaN] = fastestAlternated(9, [
    () => {
      payload = scan(circuit, sweep, { shots: 100 }).payload;
    },
    () => void scan(circuit, sweep, { shots: 100, validate: false }),
    () => void JSON.stringify(payload),
  ]);
  console.log(`1000-point scan of a ${circuit.gates().length}-instruction circuit: compile + validate ${validated.toFixed(1)} ms`);
  const ratio = validated / stringify;
  console.log(`  ratio to JSON.stringify of the payload (${stringify.toFixed(1)} ms): ${ratio.toFixed(2)}× (target ≤ 3×: ${ratio <= 3 ? 'met' : 'NOT met'})`);
  console.log(`  ratio to compiling without validation (${compiledOnly.toFixed(1)} ms): ${(validated / compiledOnly).toFixed(2)}×`);
  const core = importCost('@coldatom/core', false);
  console.log(`import @coldatom/core: ${core.importMs.toFixed(0)} ms; loads quantum-circuit: ${core.loadsQuantumCircuit}, mathjs: ${core.loadsMathjs}`);
  console.log(
    `  ${core.loadsQuantumCircuit || core.loadsMathjs ? 'FAIL: importing core loads a circuit library' : 'ok: importing core loads neither quantum-circuit nor mathjs'}`,
  );
  const plugin = importCost('@coldatom/circuit-plugin', true);
  console.log(
    `import @coldatom/circuit-plugin: ${plugin.importMs.toFixed(0)} ms (${(plugin.importMs / core.importMs).toFixed(2)}× core); loads quantum-circuit: ${plugin.loadsQuantumCircuit}, mathjs: ${plugin.loadsMathjs}`,
  );
  console.log(`  first circuit (loads quantum-circuit and mathjs on demand): ${plugin.firstCircuitMs?.toFixed(0)} ms`);
}

if (isBenchChild(import.meta.url)) await main();
