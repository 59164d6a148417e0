import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { referenceBackends } from '@coldatom/backend-config';
import {
  AbortError,
  ConfigDriftError,
  FileJobJournal,
  JobFailedError,
  JobThrottle,
  configDrift,
  configHash,
  splitPayload,
  startRun,
  withJobs,
  type JobPayload,
  type RunProgress,
} from '@coldatom/core';
import { runProgress } from '@coldatom/core/internal';
import { FakeTransport, statusOf } from './support/fake-transport.js';
import { onFakeClock } from './support/outcome.js';

const polling = { initialIntervalMs: 1, maxIntervalMs: 2, jitter: 0, maxRequestsPerSecond: Number.POSITIVE_INFINITY };
const singlequdit = referenceBackends.singlequdit.config;
const scanPayload = (n: number): JobPayload =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `experiment_${i}`,
      {
        instructions: [
          ['rlx', [0], [i / 10]],
          ['measure', [0], []],
        ] as [string, number[], number[]][],
        shots: 5,
        num_wires: 1,
        wire_order: 'interleaved' as const,
      },
    ]),
  );
const scanOf = (n: number) => ({
  parameters: ['theta'],
  points: Array.from({ length: n }, (_, i) => ({ experiment: `experiment_${i}`, values: { theta: i / 10 } })),
});
const fakeWith = (script: string[], config = singlequdit): FakeTransport => {
  const transport = new FakeTransport(script);
  transport.configValue = config;
  return transport;
};

// A spec whose jobs are polled runs on the fake clock: the PollScheduler reads Date.now() and
// setTimeout, so on the real clock which polls happen before an assertion would depend on the machine.
afterEach(() => {
  vi.useRealTimers();
});

describe('splitPayload', () => {
  it('keeps experiment order, numbers each job from experiment_0 and maps back to the original names', () => {
    const chunks = splitPayload(scanPayload(5), 2);
    expect(chunks.map((c) => c.originals)).toEqual([['experiment_0', 'experiment_1'], ['experiment_2', 'experiment_3'], ['experiment_4']]);
    expect(chunks.map((c) => Object.keys(c.payload))).toEqual([['experiment_0', 'experiment_1'], ['experiment_0', 'experiment_1'], ['experiment_0']]);
    expect(chunks[1]!.payload.experiment_1).toEqual(scanPayload(5).experiment_3);
  });

  it('keeps original names that are not consecutive', () => {
    const payload = { experiment_7: scanPayload(1).experiment_0!, experiment_3: scanPayload(2).experiment_1! };
    expect(splitPayload(payload, 1).map((c) => [c.originals, c.payload.experiment_0])).toEqual([
      [['experiment_7'], payload.experiment_7],
      [['experiment_3'], payload.experiment_3],
    ]);
  });
});

describe('startRun', () => {
  it('splits by the backend max_experiments and reassembles results in the original order with their scan values', async () => {
    vi.useFakeTimers();
    const transport = fakeWith(['INITIALIZING', 'DONE'], { ...singlequdit, max_experiments: 3 });
    const run = startRun(withJobs(transport, { polling }), scanPayload(7), { scan: scanOf(7) });
    const outcomes = await onFakeClock(run.results());
    expect(run.jobCount).toBe(3);
    expect(transport.submitted.map((p) => Object.keys(p).length)).toEqual([3, 3, 1]);
    expect(outcomes.map((o) => [o.experiment, o.index, o.values?.theta])).toEqual(Array.from({ length: 7 }, (_, i) => [`experiment_${i}`, i, i / 10]));
    // experiment_4 was the second experiment of the second job.
    expect(outcomes[4]!.result.data.memory).toEqual([`${outcomes[4]!.jobId}/experiment_1`]);
    expect(new Set(outcomes.map((o) => o.jobId)).size).toBe(3);
  });

  it('tells the size of each job once the payload is split, so callers never split it again', async () => {
    vi.useFakeTimers();
    const transport = fakeWith(['DONE'], { ...singlequdit, max_experiments: 3 });
    const run = startRun(withJobs(transport, { polling }), scanPayload(7));
    expect(await run.jobSizes).toEqual([3, 3, 1]);
    await onFakeClock(run.results());
    expect(transport.submitted.map((p) => Object.keys(p).length)).toEqual([3, 3, 1]);
  });

  it('rejects jobSizes with the run error when the run fails before the split', async () => {
    const transport = fakeWith(['DONE'], { ...singlequdit, max_experiments: 3 });
    const run = startRun(withJobs(transport, { polling }), scanPayload(2), { compiledAgainst: { ...singlequdit, max_experiments: 5 } });
    await expect(run.jobSizes).rejects.toBeInstanceOf(ConfigDriftError);
    await expect(run.results()).rejects.toBeInstanceOf(ConfigDriftError);
  });

  it('uses maxExperimentsPerJob when given', async () => {
    vi.useFakeTimers();
    const transport = fakeWith(['DONE']);
    await onFakeClock(startRun(withJobs(transport, { polling }), scanPayload(5), { maxExperimentsPerJob: 2 }).results());
    expect(transport.submitted.map((p) => Object.keys(p).length)).toEqual([2, 2, 1]);
  });

  it('delivers results in the original order even when later jobs finish first', async () => {
    vi.useFakeTimers();
    const transport = fakeWith(['DONE']);
    // job-0 takes three polls, the others one: its experiments still come out first.
    transport.answer = async (jobId, call) => statusOf(jobId, jobId === 'job-0' && call < 5 ? 'INITIALIZING' : 'DONE');
    const run = startRun(withJobs(transport, { polling }), scanPayload(4), { maxExperimentsPerJob: 1 });
    const jobsDone: string[] = [];
    run.jobs$.subscribe((h) => h.status$.subscribe((s) => s.state === 'DONE' && jobsDone.push(h.jobId)));
    const outcomes = await onFakeClock(run.results());
    expect(jobsDone[0]).not.toBe('job-0');
    expect(outcomes.map((o) => o.experiment)).toEqual(['experiment_0', 'experiment_1', 'experiment_2', 'experiment_3']);
  });

  it('reports progress: experiments done of total, jobs per state, elapsed and a remaining estimate', async () => {
    vi.useFakeTimers();
    const run = startRun(withJobs(fakeWith(['INITIALIZING', 'DONE']), { polling }), scanPayload(4), { maxExperimentsPerJob: 2 });
    const progress = await onFakeClock(lastValueFrom(run.progress$.pipe(toArray())));
    expect(progress.some((p) => (p.jobs.INITIALIZING ?? 0) > 0)).toBe(true);
    expect(progress.map((p) => p.experimentsDone)).toEqual([...progress.map((p) => p.experimentsDone)].sort((a, b) => a - b));
    expect(progress.find((p) => p.experimentsDone === 2)?.estimatedRemainingMs).toBeDefined();
    expect(progress.at(-1)).toMatchObject({ experimentsDone: 4, experimentsTotal: 4, jobs: { DONE: 2 }, estimatedRemainingMs: 0 });
    expect(progress.at(-1)!.jobIds).toEqual(['job-0', 'job-1']);
  });

  it('keeps at most maxActiveJobs of the backend unfinished; the rest wait in a queue whose positions move', async () => {
    vi.useFakeTimers();
    const backend = withJobs(fakeWith(['INITIALIZING', 'INITIALIZING', 'DONE']), { polling, maxActiveJobs: 2 });
    const run = startRun(backend, scanPayload(6), { maxExperimentsPerJob: 1 });
    const progress = await onFakeClock(lastValueFrom(run.progress$.pipe(toArray())));
    const unfinished = (p: RunProgress): number => (p.jobs.SUBMITTED ?? 0) + (p.jobs.INITIALIZING ?? 0);
    expect(Math.max(...progress.map(unfinished))).toBe(2);
    expect(progress.map((p) => p.queuePositions)).toContainEqual([undefined, undefined, 1, 2, 3, 4]);
    expect(progress.map((p) => p.queuePositions)).toContainEqual([undefined, undefined, undefined, 1, 2, 3]);
    expect(progress.at(-1)!.queuePositions).toEqual(Array.from({ length: 6 }, () => undefined));
    expect(backend.throttle.active).toBe(0);
  });

  it('shares the backend limit between runs', async () => {
    vi.useFakeTimers();
    const backend = withJobs(fakeWith(['INITIALIZING', 'INITIALIZING', 'DONE']), { polling, maxActiveJobs: 1 });
    let peak = 0;
    const runs = [startRun(backend, scanPayload(3), { maxExperimentsPerJob: 1 }), startRun(backend, scanPayload(3), { maxExperimentsPerJob: 1 })];
    for (const run of runs) {
      run.progress$.subscribe(() => {
        peak = Math.max(peak, backend.throttle.active);
      });
    }
    await onFakeClock(Promise.all(runs.map((r) => r.results())));
    expect(peak).toBe(1);
  });

  it('records each job with its run, original names, scan values in job order and the config hash', async () => {
    const journal = new FileJobJournal(await mkdtemp(path.join(tmpdir(), 'coldatom-run-')));
    const run = startRun(withJobs(fakeWith(['DONE']), { polling, journal }), scanPayload(3), {
      maxExperimentsPerJob: 2,
      scan: scanOf(3),
      compiledAgainst: singlequdit,
      notes: 'theta scan',
    });
    // On the real clock: the file journal's writes are real I/O, which fake time would race, and
    // what it records does not depend on time.
    await run.results();
    const entries = await journal.list();
    expect(entries.map((e) => [e.runId, e.originals, e.scan?.points.map((p) => p.values.theta), e.configHash, e.notes])).toEqual([
      [run.runId, ['experiment_0', 'experiment_1'], [0, 0.1], configHash(singlequdit), 'theta scan'],
      [run.runId, ['experiment_2'], [0.2], configHash(singlequdit), 'theta scan'],
    ]);
  });

  it('fails with the first failed job and submits nothing more', async () => {
    vi.useFakeTimers();
    const transport = fakeWith(['INITIALIZING', 'ERROR']);
    const backend = withJobs(transport, { polling, maxActiveJobs: 1 });
    // Read the queue the moment results() rejects: the run must have left it by then, not later.
    let queuedAtFailure: number | undefined;
    const failed = startRun(backend, scanPayload(3), { maxExperimentsPerJob: 1 })
      .results()
      .catch((e: unknown) => {
        queuedAtFailure = backend.throttle.active + backend.throttle.waiting;
        throw e;
      });
    const error = await onFakeClock(failed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(transport.submitted).toHaveLength(1);
    expect(queuedAtFailure).toBe(0);
    expect(backend.throttle.active + backend.throttle.waiting).toBe(0);
  });

  it('detach() stops submitting and following; results() rejects with AbortError', async () => {
    vi.useFakeTimers();
    const transport = fakeWith(['INITIALIZING']);
    const backend = withJobs(transport, { polling, maxActiveJobs: 1 });
    const run = startRun(backend, scanPayload(3), { maxExperimentsPerJob: 1 });
    await firstValueFrom(run.jobs$);
    run.detach();
    await expect(run.results()).rejects.toBeInstanceOf(AbortError);
    const calls = transport.statusCalls;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(transport.statusCalls).toBe(calls);
    expect(transport.submitted).toHaveLength(1);
    expect(backend.throttle.active + backend.throttle.waiting).toBe(0);
  });
});

describe('runProgress', () => {
  const input = { states: ['DONE', 'RUNNING', 'WAITING', 'DONE'] as const, jobIds: ['a', 'b', undefined, 'd'], experimentsTotal: 8, startedMs: 1_000 };

  it('counts jobs per state and extrapolates the time left from the experiments done', () => {
    expect(runProgress({ ...input, experimentsDone: 2, queuePositions: [undefined, undefined, 1] }, 3_000)).toEqual({
      experimentsDone: 2,
      experimentsTotal: 8,
      jobs: { DONE: 2, RUNNING: 1, WAITING: 1 },
      jobIds: ['a', 'b', undefined, 'd'],
      queuePositions: [undefined, undefined, 1],
      elapsedMs: 2_000,
      estimatedRemainingMs: 6_000,
    });
  });

  it('estimates nothing before the first experiment is done, or when told not to', () => {
    expect(runProgress({ ...input, experimentsDone: 0 }, 3_000).estimatedRemainingMs).toBeUndefined();
    const resumed = runProgress({ ...input, experimentsDone: 4, estimate: false }, 3_000);
    expect(resumed.estimatedRemainingMs).toBeUndefined();
    expect(resumed).not.toHaveProperty('queuePositions');
  });
});

describe('config drift guard', () => {
  it('refuses to submit when gates, coupling maps, limits or wire order changed, naming what changed', async () => {
    const current = {
      ...singlequdit,
      max_shots: 100,
      wire_order: 'sequential' as const,
      gates: singlequdit.gates.filter((g) => g.name !== 'rlz2').map((g) => (g.name === 'rlx' ? { ...g, coupling_map: [[0], [1]] } : g)),
    };
    const transport = fakeWith(['DONE'], current);
    const error = await startRun(withJobs(transport, { polling }), scanPayload(2), { compiledAgainst: singlequdit })
      .results()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigDriftError);
    expect((error as ConfigDriftError).changes.map((c) => c.path)).toEqual(['max_shots', 'wire_order', 'gates.rlx.coupling_map', 'gates.rlz2']);
    expect((error as Error).message).toMatch(
      /max_shots: 1000000 → 100; wire_order: interleaved → sequential; gate rlx: coupling map changed; gate rlz2 removed/,
    );
    expect(transport.submitted).toEqual([]);
  });

  it('ignores descriptions and the order of coupling-map entries', () => {
    const reordered = {
      ...singlequdit,
      description: 'renamed',
      gates: [...singlequdit.gates].reverse().map((g) => ({ ...g, description: 'x', coupling_map: [...(g.coupling_map ?? [])].reverse() })),
    };
    expect(configDrift(singlequdit, reordered)).toEqual([]);
    expect(configHash(reordered)).toBe(configHash(singlequdit));
  });

  it("only warns with onDrift: 'warn'", async () => {
    vi.useFakeTimers();
    const warnings: string[] = [];
    const run = startRun(withJobs(fakeWith(['DONE'], { ...singlequdit, max_experiments: 10 }), { polling }), scanPayload(1), {
      compiledAgainst: singlequdit,
      onDrift: 'warn',
      onWarning: (w) => warnings.push(w),
    });
    expect(await onFakeClock(run.results())).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/max_experiments: 1000 → 10/)]);
  });
});

describe('JobThrottle', () => {
  it('lets jobs through in order and moves the waiting positions as slots free up', async () => {
    const throttle = new JobThrottle(1);
    const tickets = [throttle.enqueue(), throttle.enqueue(), throttle.enqueue()];
    const positions = tickets.map(() => [] as number[]);
    for (const [i, ticket] of tickets.entries()) ticket.position$.subscribe((p) => positions[i]!.push(p));
    const release = await tickets[0]!.granted;
    release();
    (await tickets[1]!.granted)();
    await tickets[2]!.granted;
    expect(positions).toEqual([[0], [1, 0], [2, 1, 0]]);
  });

  it('renumbers when a waiting ticket is cancelled, and frees a slot when a granted one is', async () => {
    const throttle = new JobThrottle(1);
    const [a, b, c] = [throttle.enqueue(), throttle.enqueue(), throttle.enqueue()];
    const cPositions: number[] = [];
    c.position$.subscribe((p) => cPositions.push(p));
    b.cancel();
    await expect(b.granted).rejects.toBeInstanceOf(AbortError);
    expect(cPositions).toEqual([2, 1]);
    a.cancel();
    await c.granted;
    expect(throttle.active).toBe(1);
  });

  it('holds a ticket with a lower limit, and the ones behind it, until enough slots are free', async () => {
    const throttle = new JobThrottle(3);
    const first = throttle.enqueue();
    const second = throttle.enqueue(1);
    const third = throttle.enqueue();
    await first.granted;
    expect([throttle.active, throttle.waiting]).toEqual([1, 2]);
    first.cancel();
    await second.granted;
    await third.granted;
    expect(throttle.active).toBe(2);
  });
});
