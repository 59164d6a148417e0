/**
 * Start-up of the built command: `coldatom --help` and `coldatom completion bash` against `node -e 0`
 * (the floor any Node program pays), alternated in one run, median of 9 each. The built `dist/` is
 * what the installed bin runs (npm's shim only execs it); target ≤ 3× `node -e 0` (issue 11).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../../../bench/support/median.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/bin.js');
const RUNS = 9;

function wallMs(args: readonly string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - t;
}

export async function run(): Promise<void> {
  if (!existsSync(BIN)) {
    console.log('cli start-up: skipped, packages/cli/dist is not built (run `pnpm build`)');
    return;
  }
  const samples = { node: [] as number[], help: [] as number[], completion: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    samples.node.push(wallMs(['-e', '0']));
    samples.help.push(wallMs([BIN, '--help']));
    samples.completion.push(wallMs([BIN, 'completion', 'bash']));
  }
  const floor = median(samples.node);
  console.log(`node -e 0                 ${floor.toFixed(0).padStart(5)} ms`);
  for (const [name, values] of [
    ['coldatom --help', samples.help],
    ['coldatom completion bash', samples.completion],
  ] as const) {
    const ms = median(values);
    console.log(`${name.padEnd(25)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / floor).toFixed(2)}× node -e 0 (target ≤ 3×)`);
  }
}
