/**
 * Runs a bench's timings in a child process on the built packages, as users run them: from source,
 * tsx's `keepNames` wraps every closure a hot path makes in a `defineProperty` call, a few percent
 * of the figures that no user pays. Without a build the child runs from source, and says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD_FLAG = '--bench-child';

/** True in the child that {@link runOnBuild} started for the bench module at `moduleUrl`. */
export function isBenchChild(moduleUrl: string): boolean {
  return process.argv[1] === fileURLToPath(moduleUrl) && process.argv.includes(CHILD_FLAG);
}

/** Runs the bench module at `moduleUrl` (a `packages/<name>/bench/*.ts` file) again in a child; the child's own check ({@link isBenchChild}) runs it. */
export function runOnBuild(moduleUrl: string): void {
  const file = fileURLToPath(moduleUrl);
  const packageDir = path.resolve(path.dirname(file), '..');
  // Core and backend-config load in Node from their bundles (dist/node), the second half of `pnpm build`.
  const packagesDir = path.dirname(packageDir);
  const built =
    existsSync(path.join(packageDir, 'dist/index.js')) &&
    ['backend-config', 'core'].every((bundled) => existsSync(path.join(packagesDir, bundled, 'dist/node/index.js')));
  const name = path.basename(packageDir);
  console.log(
    built ? `(the built package, packages/${name}/dist)` : `(from source: packages/${name}/dist is not built; run \`pnpm build\` to measure what users run)`,
  );
  execFileSync(process.execPath, ['--import', import.meta.resolve('tsx'), ...(built ? [] : ['--conditions=@coldatom/source']), file, CHILD_FLAG], {
    stdio: 'inherit',
  });
}
