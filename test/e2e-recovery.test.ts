/**
 * Nothing lost, nothing sent twice: the `coldatom` command against `coldatom serve` on 127.0.0.1
 * through what a lab network does to it — an outage (a proxy cut and restored), a server that
 * forgets its jobs (restarted), a client killed mid-submission, two resumes at once, a corrupt
 * journal or accounts file. Child processes throughout; each test has its own configuration folder.
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileJobJournal, type JobPayload } from '@coldatom/core';
import { CuttableProxy } from './support/cuttable-proxy.js';
import { Running, TOKEN, coldatom, newConfigDir, readJson, serve, stop } from './support/cli-process.js';

interface ResultsDocument {
  readonly points: { readonly experiment: string; readonly mean: number[] }[];
}

interface JobsListing {
  readonly jobs: { readonly jobId: string; readonly state: string; readonly scan?: { readonly points: { readonly experiment: string }[] } }[];
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A `coldatom serve` behind a cuttable proxy, logged in from `dir`. */
async function servedThroughProxy(
  dir: string,
): Promise<{ readonly proxy: CuttableProxy; readonly backend: string; readonly server: Running; readonly serverUrl: string }> {
  const { url, server } = await serve(dir);
  cleanups.push(() => stop(server));
  const proxy = new CuttableProxy(url);
  const base = await proxy.open();
  cleanups.push(() => proxy.cut());
  expect((await coldatom(['login', `${base}/api/v3`, '--token-stdin'], dir, { stdin: TOKEN })).code).toBe(0);
  return { proxy, backend: `${base}/api/v3/singlequdit`, server, serverUrl: url };
}

/** Starts a scan of 21 one-experiment jobs, one at a time, and detaches it with Ctrl-C after the second job. */
async function detachedRun(dir: string, backend: string): Promise<string> {
  const out = path.join(dir, 'out');
  const running = new Running(
    ['run', 'examples/rabi.json', '--backend', backend, '--out', out, '--max-experiments-per-job', '1', '--max-active-jobs', '1'],
    dir,
  );
  await running.line(/^job 2\/21 \S+ \(1 experiment\): /);
  running.child.kill('SIGINT');
  expect((await running.exited).code).toBe(130);
  return out;
}

const jobsList = async (dir: string): Promise<JobsListing['jobs']> =>
  (JSON.parse((await coldatom(['jobs', 'list', '--json'], dir)).stdout) as JobsListing).jobs;

describe('a lab network outage', () => {
  it('is ridden out: polling retries with backoff, says so, and the run completes once the network is back', async () => {
    const dir = await newConfigDir();
    const { proxy, backend } = await servedThroughProxy(dir);
    const out = path.join(dir, 'out');
    const cut = proxy.cutOnRequest(/get_job_status/);
    const running = new Running(['run', 'examples/rabi.json', '--backend', backend, '--out', out], dir);
    await cut;
    const notice = await running.line(/server unreachable/);
    expect(notice).toMatch(/^job 1 \S+: server unreachable \(.+\), retrying in \d/);
    await proxy.open();
    const outcome = await running.exited;
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toMatch(/server answering again after/);
    expect((await readJson<ResultsDocument>(path.join(out, 'results.json'))).points).toHaveLength(21);
  });

  it('past --give-up-after leaves the run open, says `coldatom jobs resume`, and resume finishes it later', async () => {
    const dir = await newConfigDir();
    const { proxy, backend } = await servedThroughProxy(dir);
    const out = path.join(dir, 'out');
    const cut = proxy.cutOnRequest(/get_job_status/);
    const running = new Running(['run', 'examples/rabi.json', '--backend', backend, '--out', out, '--give-up-after', '2'], dir);
    await cut;
    const gaveUp = await running.exited;
    expect(gaveUp.code).toBe(1);
    expect(gaveUp.stderr).toMatch(/Gave up following job \S+ after \d+ s without an answer/);
    expect(gaveUp.stderr).toMatch(/the run stays open.*coldatom jobs resume/);

    await proxy.open();
    const resumed = await coldatom(['jobs', 'resume'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^run rabi: complete; wrote /m);
    expect((await readJson<ResultsDocument>(path.join(out, 'results.json'))).points).toHaveLength(21);
  });
});

describe('never a double submission', () => {
  it('two `jobs resume` at once send each unsent experiment once: one completes the run, the other finds it busy', async () => {
    const dir = await newConfigDir();
    const { backend } = await servedThroughProxy(dir);
    const out = await detachedRun(dir, backend);
    const [a, b] = await Promise.all([coldatom(['jobs', 'resume'], dir), coldatom(['jobs', 'resume'], dir)]);
    const outputs = [a, b].map((o) => o.stdout);
    expect(outputs.filter((o) => /^run rabi: complete; wrote /m.test(o))).toHaveLength(1);
    expect(outputs.filter((o) => /^run rabi: busy/m.test(o))).toHaveLength(1);
    const jobs = await jobsList(dir);
    const experiments = jobs.flatMap((j) => j.scan?.points.map((p) => p.experiment) ?? []);
    expect(experiments).toHaveLength(21);
    expect(new Set(experiments).size).toBe(21);
    expect((await readJson<ResultsDocument>(path.join(out, 'results.json'))).points).toHaveLength(21);
  });

  it('an experiment whose submission outcome is unknown (in flight at a kill) is reported, not re-sent, until --resend-unknown', async () => {
    const dir = await newConfigDir();
    const { backend } = await servedThroughProxy(dir);
    const out = await detachedRun(dir, backend);
    // What a SIGKILL between writing a submission ahead and recording its answer leaves behind.
    const [record] = await readdir(path.join(dir, 'runs'));
    const run = JSON.parse(await readFile(path.join(dir, 'runs', record!, 'run.json'), 'utf8')) as { runIds: string[] };
    const sent = new Set((await jobsList(dir)).flatMap((j) => j.scan?.points.map((p) => p.experiment) ?? []));
    const inDoubt = Array.from({ length: 21 }, (_, i) => `experiment_${i}`).find((name) => !sent.has(name))!;
    const payload = JSON.parse(await readFile(path.join(dir, 'runs', record!, 'payload.json'), 'utf8')) as JobPayload;
    await new FileJobJournal(path.join(dir, 'journal')).beginSubmission(
      `${backend}`,
      { experiment_0: payload[inDoubt]! },
      { runId: run.runIds[0]!, originals: [inDoubt] },
    );

    const careful = await coldatom(['jobs', 'resume'], dir);
    expect(careful.code).toBe(1);
    expect(careful.stderr).toMatch(/1 experiment may already be on .*not sent again.*--resend-unknown/s);
    expect(careful.stdout).toMatch(/^run rabi: open — 1 experiment with an unknown submission outcome/m);
    expect((await jobsList(dir)).flatMap((j) => j.scan?.points.map((p) => p.experiment) ?? [])).not.toContain(inDoubt);

    const forced = await coldatom(['jobs', 'resume', '--resend-unknown'], dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/^run rabi: complete; wrote /m);
    expect((await readJson<ResultsDocument>(path.join(out, 'results.json'))).points).toHaveLength(21);
  });
});

describe('a job the server no longer knows', () => {
  it('is LOST, not failed nor waited for: after a server restart, resume says so and what to do', async () => {
    const dir = await newConfigDir();
    const { backend, server, serverUrl } = await servedThroughProxy(dir);
    await detachedRun(dir, backend);
    // The server restarts on the same port with none of its jobs.
    await stop(server);
    const restarted = await serve(dir, Number(new URL(serverUrl).port));
    cleanups.push(() => stop(restarted.server));

    const resumed = await coldatom(['jobs', 'resume'], dir);
    expect(resumed.code).toBe(1);
    expect(resumed.stdout).toMatch(/^job \S+ on \S+: LOST — Job \S+ is unknown to the server/m);
    expect(resumed.stdout).not.toMatch(/: ERROR/);
    expect(resumed.stdout).toMatch(/^run rabi: failed — .*lost by the server \(not failed: run the spec again/m);
    // Jobs whose result was already in the journal stay DONE; every other one is LOST.
    const jobs = await jobsList(dir);
    expect(jobs.filter((j) => j.state === 'LOST').length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.state === 'LOST' || j.state === 'DONE')).toBe(true);
    expect((await coldatom(['jobs', 'resume'], dir)).stdout).toMatch(/Nothing to resume/);
  });
});

describe('the journal around bad files', () => {
  it('lists every other job when one entry is corrupt, naming it and moving it aside; refetches a corrupt result from the server', async () => {
    const dir = await newConfigDir();
    const { backend } = await servedThroughProxy(dir);
    expect(
      (await coldatom(['run', 'examples/rabi.json', '--backend', backend, '--out', path.join(dir, 'a'), '--max-experiments-per-job', '7'], dir)).code,
    ).toBe(0);
    const jobsDir = path.join(dir, 'journal', 'jobs');
    const [first, second] = (await readdir(jobsDir)).sort();
    await writeFile(path.join(jobsDir, first!), '{"jobId": "truncated');
    const listed = await coldatom(['jobs', 'list', '--json'], dir);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as JobsListing).jobs).toHaveLength(2);
    expect(listed.stderr).toMatch(new RegExp(`warning: .*${first!.replace('.', '\\.')} could not be read.*moved it aside to .*corrupt`));
    expect(await readdir(jobsDir)).not.toContain(first);

    const secondId = second!.replace(/\.json$/, '');
    await writeFile(path.join(dir, 'journal', 'results', second!), 'not json');
    const result = await coldatom(['jobs', 'result', secondId, '--json'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { results: unknown[] }).results).toHaveLength(7);
  });

  it('forgets a finished job, refuses an unfinished one without --force, and prunes only finished jobs', async () => {
    const dir = await newConfigDir();
    const { backend } = await servedThroughProxy(dir);
    await detachedRun(dir, backend);
    const jobs = await jobsList(dir);
    const done = jobs.find((j) => j.state === 'DONE');
    const open = jobs.find((j) => j.state !== 'DONE');
    if (done) expect((await coldatom(['jobs', 'forget', done.jobId], dir)).code).toBe(0);
    if (open) {
      const refused = await coldatom(['jobs', 'forget', open.jobId], dir);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/not finished.*--force/);
    }
    const pruned = await coldatom(['jobs', 'prune', '--older-than', '1ms'], dir);
    expect(pruned.code).toBe(0);
    const left = await jobsList(dir);
    expect(left.every((j) => j.state !== 'DONE')).toBe(true);
    expect(left.length).toBe(jobs.filter((j) => j.state !== 'DONE').length);
  });
});

describe('tokens at rest', () => {
  it('a corrupt accounts file quotes nothing of itself, and logout still works', async () => {
    const dir = await newConfigDir();
    const secret = 'tok-in-a-broken-file-93af';
    await writeFile(path.join(dir, 'accounts.json'), `{"accounts": {"https://h/api/v3": {"token": "${secret}", `, { mode: 0o600 });
    const config = await coldatom(['config', 'https://h/api/v3/singlequdit'], dir);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/accounts\.json is not valid JSON/);
    expect(config.stderr + config.stdout).not.toContain(secret);
    const logout = await coldatom(['logout', 'https://h/api/v3'], dir);
    expect(logout.code).toBe(0);
    expect(logout.stderr).toMatch(/moved it aside/);
    expect(logout.stderr + logout.stdout).not.toContain(secret);
  });

  it('eight concurrent logins keep all eight tokens', async () => {
    const dir = await newConfigDir();
    const urls = Array.from({ length: 8 }, (_, i) => `https://lab${i}.example/api/v3`);
    const outcomes = await Promise.all(urls.map((url, i) => coldatom(['login', url, '--token-stdin'], dir, { stdin: `${TOKEN}-${i}` })));
    expect(outcomes.map((o) => o.code)).toEqual(Array(8).fill(0));
    const saved = JSON.parse(await readFile(path.join(dir, 'accounts.json'), 'utf8')) as { accounts: Record<string, { token: string }> };
    expect(Object.keys(saved.accounts).sort()).toEqual([...urls].sort());
    await rm(path.join(dir, 'accounts.json'));
  });
});
