/**
 * Compiling and validating a 1000-point scan of a 50-instruction circuit, against JSON.stringify of
 * the result and against compiling without validation; then the import cost of each package
 * (measured in fresh child processes), and whether importing core loads quantum-circuit or mathjs.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceBackends } from '@coldatom/backend-config';
import { coldAtomCircuit, scan } from '@coldatom/circuit-plugin';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function best(runs: number, work: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return fastest;
}

function importCost(pkg: string): { ms: number; loadsQuantumCircuit: boolean; loadsMathjs: boolean } {
  const script = `const t=performance.now();await import('${pkg}');const ms=performance.now()-t;const {createRequire}=await import('node:module');const req=createRequire(import.meta.url);const loaded=Object.keys(req.cache);console.log(JSON.stringify({ms,qc:loaded.some(f=>f.includes('quantum-circuit')),mathjs:loaded.some(f=>f.includes('/mathjs/'))}))`;
  const out = execFileSync(process.execPath, ['--conditions=@coldatom/source', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: path.join(ROOT, 'packages/cli'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const { ms, qc, mathjs } = JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; qc: boolean; mathjs: boolean };
  return { ms, loadsQuantumCircuit: qc, loadsMathjs: mathjs };
}

export async function run(): Promise<void> {
  const config = referenceBackends.singlequdit.config;
  const circuit = coldAtomCircuit('singlequdit').load(0, 50);
  for (let i = 0; i < 24; i++) circuit.rlx(0, 'theta/24').rlz(0, `theta/${i + 2}`);
  circuit.measure(0);
  const sweep = { axes: { theta: { linspace: [0, Math.PI, 1000] as [number, number, number] } } };
  let payload = {};
  const validated = best(5, () => void (payload = scan(circuit, sweep, { shots: 100, config }).payload));
  const unvalidated = best(5, () => void scan(circuit, sweep, { shots: 100, config, validate: false }));
  const stringify = best(5, () => void JSON.stringify(payload));
  console.log(`1000-point scan of a ${circuit.gates().length}-instruction circuit: compile + validate ${validated.toFixed(1)} ms`);
  console.log(`  ratio to JSON.stringify of the payload (${stringify.toFixed(1)} ms): ${(validated / stringify).toFixed(1)}× (aim ≤ 3×)`);
  console.log(`  ratio to compiling without validation (${unvalidated.toFixed(1)} ms): ${(validated / unvalidated).toFixed(2)}×`);
  for (const pkg of ['@coldatom/core', '@coldatom/circuit-plugin']) {
    const cost = importCost(pkg);
    console.log(`import ${pkg}: ${cost.ms.toFixed(0)} ms; loads quantum-circuit: ${cost.loadsQuantumCircuit}, mathjs: ${cost.loadsMathjs}`);
  }
}
