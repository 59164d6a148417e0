/**
 * `import('@coldatom/core')` from the built package against `node -e 0`, alternated in one run
 * (median of 9 each), and where the remaining milliseconds go: each dependency imported alone, and
 * what the first use of a schema adds (zod is loaded then, not at import).
 * Issue 17's target: ≤ 1.8× `node -e 0`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../../../bench/support/median.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 9;

function wallMs(code: string): number {
  const t = performance.now();
  execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: PACKAGE_DIR, stdio: 'ignore' });
  return performance.now() - t;
}

export async function run(): Promise<void> {
  if (!existsSync(path.join(PACKAGE_DIR, 'dist/node/index.js'))) {
    console.log('core start-up: skipped, packages/core/dist is not built (run `pnpm build`)');
    return;
  }
  const rows: [string, string][] = [
    ['node -e 0', '0'],
    ["import('@coldatom/core')", "await import('@coldatom/core')"],
    ['  @coldatom/backend-config alone', "await import('@coldatom/backend-config')"],
    ['  zod alone (not loaded by the import)', "await import('zod')"],
    ["  rxjs's index (not loaded by the import)", "await import('rxjs')"],
    ['  import, then parse one payload', "const { JobPayload } = await import('@coldatom/core'); JobPayload.safeParse({})"],
  ];
  const samples = rows.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, [, code]] of rows.entries()) samples[k]!.push(wallMs(code));
  }
  const floor = median(samples[0]!);
  console.log('start-up, wall time, median of 9 alternated runs (built packages):');
  rows.forEach(([name], k) => {
    const ms = median(samples[k]!);
    const target = k === 1 ? ` (target ≤ 1.8×: ${ms / floor <= 1.8 ? 'met' : 'NOT met'})` : '';
    console.log(`  ${name.padEnd(42)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / floor).toFixed(2)}× node -e 0${target}`);
  });
  const [core, backendConfig, zod, , firstParse] = [1, 2, 3, 4, 5].map((k) => median(samples[k] ?? []));
  if (core === undefined || zod === undefined || backendConfig === undefined || firstParse === undefined) return;
  // Differences of medians from separate processes: a few milliseconds either way are noise.
  const part = (ms: number): string => `~${Math.max(0, ms).toFixed(0)} ms`;
  console.log(
    `  of import('@coldatom/core')'s ${(core - floor).toFixed(0)} ms over node -e 0: backend-config's own modules ${part(backendConfig - floor)}, ` +
      `core's own ${part(core - backendConfig)} (each loads from its Node bundle, dist/node). zod (${part(zod - floor)} alone), rxjs, write-file-atomic and the http, https and crypto built-ins ` +
      `load on first use: the first schema used costs ${part(firstParse - core)} once`,
  );
}
