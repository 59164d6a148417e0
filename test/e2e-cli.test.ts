/**
 * The `coldatom` command end to end: child processes running the CLI from sources, against the
 * embedded simulators (`local:`) and against `coldatom serve` on 127.0.0.1. Every test has its own
 * configuration folder (COLDATOM_CONFIG_DIR), so journals and tokens never mix.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceBackends } from '@coldatom/backend-config';
import { compileScanSpec, loadScanSpec } from '@coldatom/circuit-plugin';
import { JobPayload } from '@coldatom/core';
import { legendLabels, lineSeriesLabels, parseSvg } from '../packages/cli/test/support/svg.js';
import { ajvValidator } from './support/ajv.js';
import { RABI_QASM, ROOT, Running, TOKEN, coldatom, newConfigDir, readJson, serve, stop } from './support/cli-process.js';

interface ResultsDocument {
  readonly configHash: string;
  readonly jobIds: string[];
  readonly parameters: string[];
  readonly points: {
    experiment: string;
    jobId: string;
    values: Record<string, number>;
    memory: string[];
    decoded: number[][];
    mean: number[];
    measuredWires: number[];
  }[];
}

describe('coldatom run (local simulator)', () => {
  it('runs the Rabi example to completion: table, plot, results.json, results.csv and a well-formed plot.svg', async () => {
    const dir = await newConfigDir();
    const out = path.join(dir, 'out');
    const { code, stdout, stderr } = await coldatom(['run', 'examples/rabi.json', '--out', out], dir, { env: { COLDATOM_TOKEN: TOKEN } });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^rabi: 21 experiments × 200 shots on local:singlequdit \(1 job\)$/m);
    expect(stdout).toMatch(/│\s+theta │ wire 0: mean ± s\.e\. │ most frequent\s+│ shots │/);
    expect(stdout).toMatch(/│\s+3\.142 │\s+50 ± 0 │ "50" \(100 %\)/);
    expect(stdout).toContain('mean versus theta: 0 … 3.142 (21 points)');
    expect(stderr).toMatch(/^progress: 21\/21 experiments done/m);

    const results = await readJson<ResultsDocument>(path.join(out, 'results.json'));
    expect(results.points).toHaveLength(21);
    expect(results.points[0]!.mean).toEqual([0]);
    expect(results.points[20]!.mean).toEqual([50]);
    expect(results.points[20]!.memory).toHaveLength(200);
    expect(results.points[7]!.decoded.map((shot) => String(shot[0]))).toEqual(results.points[7]!.memory);
    expect(results.configHash).toMatch(/^[0-9a-f]{64}$/);
    const csv = (await readFile(path.join(out, 'results.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv[0]).toBe('experiment,theta,wire_0_mean,wire_0_stderr,most_frequent,most_frequent_count,shots,job_id');
    expect(csv).toHaveLength(22);

    const svg = parseSvg(await readFile(path.join(out, 'plot.svg'), 'utf8'));
    expect(svg.documentElement?.tagName).toBe('svg');
    expect(lineSeriesLabels(svg)).toEqual(['wire 0']);
  });

  it('writes a heat map for the 2-parameter Rydberg example and one series per measured wire for the fermions', async () => {
    const dir = await newConfigDir();
    const rydberg = await coldatom(['run', 'examples/rydberg-blockade.json', '--out', path.join(dir, 'rydberg'), '--json'], dir);
    expect(rydberg.code, rydberg.stderr).toBe(0);
    const summary = JSON.parse(rydberg.stdout) as { parameters: string[]; points: unknown[] };
    expect(summary.parameters).toEqual(['omega', 'v']);
    expect(summary.points).toHaveLength(52);
    const heat = parseSvg(await readFile(path.join(dir, 'rydberg', 'plot.svg'), 'utf8'));
    expect(Array.from(heat.getElementsByTagName('path')).filter((p) => p.getAttribute('aria-roledescription') === 'rect mark')).toHaveLength(104);

    const fermions = await coldatom(['run', 'examples/fermions-double-well.json', '--out', path.join(dir, 'fermions')], dir);
    expect(fermions.code, fermions.stderr).toBe(0);
    const lines = parseSvg(await readFile(path.join(dir, 'fermions', 'plot.svg'), 'utf8'));
    expect(lineSeriesLabels(lines).sort()).toEqual(['wire 0', 'wire 1', 'wire 2', 'wire 3']);
    expect(legendLabels(lines).sort()).toEqual(['wire 0', 'wire 1', 'wire 2', 'wire 3']);
  });
});

describe('coldatom compile', () => {
  it('prints exactly the payload the library compiles, valid against JobPayload and the committed schema', async () => {
    const dir = await newConfigDir();
    const { code, stdout, stderr } = await coldatom(['compile', 'examples/one-axis-twisting.json'], dir);
    expect(code, stderr).toBe(0);
    const printedPayload = JSON.parse(stdout) as unknown;
    const library = compileScanSpec(await loadScanSpec(path.join(ROOT, 'examples/one-axis-twisting.json')), {
      ...referenceBackends.singlequdit.config,
      url: null,
    }).payload;
    expect(printedPayload).toEqual(library);
    expect(JobPayload.safeParse(printedPayload).success).toBe(true);
    const validate = ajvValidator('job-payload.schema.json');
    expect(validate(printedPayload), JSON.stringify(validate.errors)).toBe(true);
    expect(stderr).toBe('');
  });
});

describe('coldatom with bad input', () => {
  it('exits 2 on a spec the backend would refuse, naming experiment, instruction, gate and rule, and sends nothing', async () => {
    const dir = await newConfigDir();
    const spec = path.join(dir, 'bad-angle.json');
    await writeFile(spec, JSON.stringify({ backend: 'local:singlequdit', shots: 10, circuit: { qasm: RABI_QASM }, sweep: { theta: { values: [1, 9] } } }));
    const { code, stdout, stderr } = await coldatom(['run', spec], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad-angle\.json: 1 problem for singlequdit; nothing was sent:/);
    expect(stderr).toContain(
      '  - experiment_1, instruction 1 (rlx on wires [0]): parameter omega = 9 is invalid; allowed: 0 ≤ omega ≤ 2π. [rule: param-range]',
    );
    expect(stdout).not.toMatch(/job/);
    const jobs = await coldatom(['jobs', 'list', '--json'], dir);
    expect((JSON.parse(jobs.stdout) as { jobs: unknown[] }).jobs).toEqual([]);
  });

  it('exits 2 on a file that is not a scan spec, naming the field', async () => {
    const dir = await newConfigDir();
    const spec = path.join(dir, 'not-a-spec.json');
    await writeFile(spec, JSON.stringify({ backend: 'local:singlequdit', shots: -1, circuit: { qasm: RABI_QASM }, sweep: {} }));
    const { code, stderr } = await coldatom(['compile', spec], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/shots: /);
  });
});

describe('coldatom against coldatom serve', () => {
  it('logs in, runs a scan over HTTP, and lists, shows, prints and exports its job — never printing the token', async () => {
    const dir = await newConfigDir();
    const { url, server } = await serve(dir);
    try {
      const login = await coldatom(['login', `${url}/api/v3`, '--token-stdin'], dir, { stdin: `${TOKEN}\n` });
      expect(login.code, login.stderr).toBe(0);
      const target = `${url}/api/v3/fermions`;
      expect((await coldatom(['status', target], dir)).stdout).toMatch(/operational, 0 pending jobs/);

      const out = path.join(dir, 'out');
      const run = await coldatom(['run', 'examples/fermions-double-well.json', '--backend', target, '--out', out], dir);
      expect(run.code, run.stderr).toBe(0);
      const results = await readJson<ResultsDocument>(path.join(out, 'results.json'));
      expect(results.points).toHaveLength(17);
      expect(results.points.every((p) => p.measuredWires.join() === '0,1,2,3')).toBe(true);
      // θ = 0: both fermions still in the left well.
      expect(results.points[0]!.mean).toEqual([1, 1, 0, 0]);

      const [jobId] = results.jobIds;
      const list = JSON.parse((await coldatom(['jobs', 'list', '--json'], dir)).stdout) as { jobs: { jobId: string; state: string; target: string }[] };
      expect(list.jobs).toEqual([expect.objectContaining({ jobId, state: 'DONE', target })]);
      expect((await coldatom(['jobs', 'show', jobId!], dir)).stdout).toMatch(/state: +DONE/);
      const raw = JSON.parse((await coldatom(['jobs', 'result', jobId!, '--json'], dir)).stdout) as { results: { data: { memory: string[] } }[] };
      expect(raw.results.map((r) => r.data.memory)).toEqual(results.points.map((p) => p.memory));

      const bundle = path.join(dir, 'bundle');
      const exported = await coldatom(['jobs', 'export', jobId!, bundle], dir);
      expect(exported.code, exported.stderr).toBe(0);
      expect((await readdir(bundle)).sort()).toEqual(['config.json', 'job.json', 'manifest.json', 'payload.json', 'result.json', 'scan.json']);
      const manifest = await readJson<{ config: { source: string; matchesJob: boolean }; jobId: string }>(path.join(bundle, 'manifest.json'));
      expect(manifest).toMatchObject({ jobId, config: { source: 'compile-time snapshot', matchesJob: true } });
      expect(await readJson(path.join(bundle, 'payload.json'))).toEqual(
        compileScanSpec(await loadScanSpec(path.join(ROOT, 'examples/fermions-double-well.json')), { ...referenceBackends.fermions.config, url: null }).payload,
      );
      for (const file of await readdir(bundle)) expect(await readFile(path.join(bundle, file), 'utf8')).not.toContain(TOKEN);
      // The bundle and the config snapshots are the user's alone, like the journal and the accounts.
      for (const file of await readdir(bundle)) expect((await stat(path.join(bundle, file))).mode & 0o777, file).toBe(0o600);
      for (const file of await readdir(path.join(dir, 'configs'))) expect((await stat(path.join(dir, 'configs', file))).mode & 0o777, file).toBe(0o600);
    } finally {
      const stopped = await stop(server);
      expect(stopped.code).toBe(0);
      expect(stopped.stderr).toContain('stopped');
    }
  });

  it('exits 1 with a hint when the server refuses the token, without printing it', async () => {
    const dir = await newConfigDir();
    const { url, server } = await serve(dir);
    try {
      const run = await coldatom(['run', 'examples/rabi.json', '--backend', `${url}/api/v3/singlequdit`], dir, { env: { COLDATOM_TOKEN: `${TOKEN}-wrong` } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/coldatom login <url> --token-stdin/);
      expect(run.stderr).not.toContain(`${TOKEN}-wrong`);
    } finally {
      expect((await stop(server, 'SIGTERM')).code).toBe(0);
    }
  });

  it('detaches on Ctrl-C mid-run; `jobs resume` then finishes every job and writes the results, none lost', async () => {
    const dir = await newConfigDir();
    const { url, server } = await serve(dir);
    try {
      await coldatom(['login', `${url}/api/v3`, '--token-stdin'], dir, { stdin: TOKEN });
      const out = path.join(dir, 'out');
      // 21 one-experiment jobs, one at a time: Ctrl-C lands with most of them not yet sent.
      const running = new Running(
        ['run', 'examples/rabi.json', '--backend', `${url}/api/v3/singlequdit`, '--out', out, '--max-experiments-per-job', '1', '--max-active-jobs', '1'],
        dir,
      );
      await running.line(/^job 2\/21 \S+ \(1 experiment\): /);
      running.child.kill('SIGINT');
      const interrupted = await running.exited;
      expect(interrupted.code).toBe(130);
      expect(interrupted.stderr).toMatch(/Detached: \d+ of 21 jobs were submitted to http:\/\/127\.0\.0\.1:\d+\/api\/v3\/singlequdit; the server keeps them/);
      expect(interrupted.stderr).toContain('coldatom jobs resume');
      await expect(readdir(out)).rejects.toThrow();

      const resumed = await coldatom(['jobs', 'resume'], dir);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toMatch(/^run rabi: complete; wrote /m);
      expect(resumed.stderr).toMatch(/^rabi: submitting \d+ experiments that were never sent$/m);

      const results = await readJson<ResultsDocument>(path.join(out, 'results.json'));
      expect(results.points.map((p) => p.experiment)).toEqual(Array.from({ length: 21 }, (_, i) => `experiment_${i}`));
      expect(results.points[20]!.mean).toEqual([50]);
      // numpy's linspace: i · step + start, the last point exactly stop.
      expect(results.points.map((p) => p.values.theta)).toEqual(Array.from({ length: 21 }, (_, i) => (i === 20 ? Math.PI : i * (Math.PI / 20))));
      const { jobs } = JSON.parse((await coldatom(['jobs', 'list', '--json'], dir)).stdout) as {
        jobs: { jobId: string; state: string; scan: { points: { experiment: string }[] } }[];
      };
      expect(jobs).toHaveLength(21);
      expect(jobs.every((j) => j.state === 'DONE')).toBe(true);
      expect(jobs.flatMap((j) => j.scan.points.map((p) => p.experiment)).sort()).toEqual(results.points.map((p) => p.experiment).sort());
      expect(new Set(results.jobIds)).toEqual(new Set(jobs.map((j) => j.jobId)));
      expect((await coldatom(['jobs', 'resume'], dir)).stdout).toMatch(/Nothing to resume/);
    } finally {
      await stop(server);
    }
  });
});
