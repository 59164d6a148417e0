/**
 * Issue 11: a user's Node app bundled into ONE file (esbuild, platform node, format esm) runs a
 * `local:` job to DONE with plain node, outside the workspace. The simulation threads re-enter the
 * bundle itself (no separate worker file exists there), and the app's own code must not run again
 * inside them. Bundled from dist, so the simulator is built first (tsc -b).
 *
 * esbuild is not a dependency of any package (nor of the workspace root): it is reached through
 * tsx, which depends on it, so this spec lives here rather than in packages/simulator.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const requireFromRoot = createRequire(path.join(root, 'package.json'));

const app = `
import { backendFor } from '@coldatom/core';
import '@coldatom/simulator';

console.log('app started');
const payload = { experiment_0: { instructions: [['load', [0], [50]], ['rlx', [0], [Math.PI]], ['measure', [0], []]], shots: 3, num_wires: 1, wire_order: 'interleaved' } };
const job = await backendFor('local:singlequdit').submitJob(payload);
const result = await job.wait({ timeoutMs: 20000 });
console.log('state', (await backendFor('local:singlequdit').jobStatus(job.jobId)).state);
console.log('memory', JSON.stringify(result.results[0].data.memory));
`;

describe('an application bundled into one file with esbuild', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coldatom-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a local: job to DONE with plain node, its simulation on worker threads of the bundle', async () => {
    execFileSync(process.execPath, [requireFromRoot.resolve('typescript/bin/tsc'), '-b', path.join(root, 'packages/simulator')], { stdio: 'pipe' });
    const esbuildPath = createRequire(requireFromRoot.resolve('tsx/package.json')).resolve('esbuild');
    // Typed by hand: esbuild's own types are not resolvable from here either.
    const esbuild = (await import(pathToFileURL(esbuildPath).href)) as { build(options: Record<string, unknown>): Promise<unknown> };
    const entry = path.join(dir, 'app.mjs');
    writeFileSync(entry, app);
    const outfile = path.join(dir, 'bundle.mjs');
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      nodePaths: [path.join(root, 'node_modules')],
      logLevel: 'silent',
    });

    const run = spawnSync(process.execPath, [outfile], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).not.toMatch(/ERROR|__dirname|Cannot find/);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    // Once: the worker threads stop evaluating the bundle before the app's code.
    expect(lines.filter((l) => l === 'app started')).toHaveLength(1);
    expect(lines).toContain('state DONE');
    expect(lines).toContain('memory ["50","50","50"]');
  });
});
