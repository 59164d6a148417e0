import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { referenceBackends } from '@coldatom/backend-config';
import { compileScanSpec, loadScanSpec } from '@coldatom/circuit-plugin';
import { JobPayload } from '@coldatom/core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

/** Runs the coldatom command from sources in a child process; resolves with its exit code and output. */
async function coldatom(args: string[], configDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--conditions=@coldatom/source', '--import', 'tsx', 'packages/cli/src/bin.ts', ...args], { cwd: ROOT, env: { ...process.env, COLDATOM_CONFIG_DIR: configDir, COLDATOM_TOKEN: 'tok-never-printed-42' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('coldatom (end to end, child processes)', () => {
  it('runs the Rabi example to completion and writes results and a well-formed plot', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coldatom-cli-'));
    const out = path.join(dir, 'out');
    const { code, stdout, stderr } = await coldatom(['run', 'examples/rabi.json', '--out', out], dir);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/21 experiments × 200 shots on local:singlequdit/);
    expect(stdout).toMatch(/progress: 21\/21 experiments/);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as { points: { values: { theta: number }; means: number[]; memory: string[] }[]; configHash: string };
    expect(results.points).toHaveLength(21);
    expect(results.points[20]!.means[0]).toBe(50);
    expect(results.points[20]!.memory).toHaveLength(200);
    expect(results.configHash).toMatch(/^[0-9a-f]{64}$/);
    const csv = await readFile(path.join(out, 'results.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('experiment,theta,mean_0,stderr_0,most_frequent,count,shots,job_id');
    const svg = await readFile(path.join(out, 'plot.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('wire 0');
    expect(svg).not.toContain('wire 1');
    expect(`${stdout}${stderr}`).not.toContain('tok-never-printed-42');
  });

  it('compile prints exactly the payload the library compiles, and it is a valid job payload', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coldatom-cli-'));
    const { code, stdout } = await coldatom(['compile', 'examples/rabi.json'], dir);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as unknown;
    expect(JobPayload.safeParse(printed).success).toBe(true);
    const library = compileScanSpec(await loadScanSpec(path.join(ROOT, 'examples/rabi.json')), { ...referenceBackends.singlequdit.config, url: null }).payload;
    expect(printed).toEqual(library);
  });

  it('exits 2 on a bad spec, naming the experiment, instruction, gate and rule, and sends nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coldatom-cli-'));
    const spec = path.join(dir, 'bad.json');
    await writeFile(spec, JSON.stringify({ backend: 'local:singlequdit', shots: 10, circuit: { qasm: 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg c[1];\nload(50) q[0];\nrlx(theta) q[0];\nmeasure q[0] -> c[0];\n' }, sweep: { theta: { values: [1, 9] } } }));
    const { code, stderr } = await coldatom(['run', spec], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('experiment_1, instruction 1 (rlx on wires [0]): parameter omega = 9 is invalid; allowed: 0 ≤ omega ≤ 2π.');
    expect(stderr).toMatch(/nothing was sent/);
  });

  it('exits 2 on a spec that is not a scan spec, naming the field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coldatom-cli-'));
    const spec = path.join(dir, 'bad.json');
    await writeFile(spec, JSON.stringify({ backend: 'local:singlequdit', shots: -1, circuit: { qasm: 'x' }, sweep: {} }));
    const { code, stderr } = await coldatom(['compile', spec], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/shots: /);
  });

  it('prints exact distributions with probs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coldatom-cli-'));
    const { code, stdout } = await coldatom(['probs', 'examples/rabi.json'], dir);
    expect(code).toBe(0);
    const probs = JSON.parse(stdout) as Record<string, Record<string, number>>;
    expect(probs.experiment_0).toEqual({ '0': 1 });
    expect(probs.experiment_20!['50']).toBeCloseTo(1, 10);
  });
});
