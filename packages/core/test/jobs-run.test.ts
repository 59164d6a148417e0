import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { referenceBackends } from '@coldatom/backend-config';
import { ConfigDriftError, FileJobJournal, resumeJobs, splitPayload, startRun, withJobs, type JobPayload } from '@coldatom/core';
import { FakeTransport } from '../../../test/support/fake-transport.js';

const polling = { initialIntervalMs: 1, maxIntervalMs: 2, jitter: 0 };
const scanPayload = (n: number): JobPayload =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`experiment_${i}`, { instructions: [['rlx', [0], [i / 10]], ['measure', [0], []]] as [string, number[], number[]][], shots: 5, num_wires: 1, wire_order: 'interleaved' as const }]));
const tempDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'coldatom-journal-'));

describe('splitPayload', () => {
  it('keeps experiment order and numbers each job from experiment_0', () => {
    const chunks = splitPayload(scanPayload(5), 2);
    expect(chunks.map((c) => c.originals)).toEqual([['experiment_0', 'experiment_1'], ['experiment_2', 'experiment_3'], ['experiment_4']]);
    expect(Object.keys(chunks[1]!.payload)).toEqual(['experiment_0', 'experiment_1']);
    expect(chunks[1]!.payload.experiment_0).toEqual(scanPayload(5).experiment_2);
  });
});

describe('startRun', () => {
  it('splits a scan across jobs by the backend limit and reassembles results in the original order with scan values', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'DONE']);
    transport.configValue = { ...referenceBackends.singlequdit.config, max_experiments: 3 };
    const backend = withJobs(transport, { polling });
    const scan = { parameters: ['theta'], points: Array.from({ length: 7 }, (_, i) => ({ experiment: `experiment_${i}`, values: { theta: i / 10 } })) };
    const run = startRun(backend, scanPayload(7), { scan });
    const outcomes = await run.results();
    expect(transport.submitted.map((p) => Object.keys(p).length)).toEqual([3, 3, 1]);
    expect(outcomes.map((o) => o.experiment)).toEqual(Array.from({ length: 7 }, (_, i) => `experiment_${i}`));
    expect(outcomes.map((o) => o.values?.theta)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(outcomes[4]!.result.data.memory).toEqual([`${outcomes[4]!.jobId}/experiment_1`]);
  });

  it('keeps at most maxActiveJobs unfinished and reports the rest as waiting', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'INITIALIZING', 'DONE']);
    transport.configValue = referenceBackends.singlequdit.config;
    const run = startRun(withJobs(transport, { polling }), scanPayload(6), { maxExperimentsPerJob: 1, maxActiveJobs: 2 });
    const progress = await lastValueFrom(run.progress$.pipe(toArray()));
    const maxUnfinished = Math.max(...progress.map((p) => (p.jobs.SUBMITTED ?? 0) + (p.jobs.INITIALIZING ?? 0)));
    expect(maxUnfinished).toBeLessThanOrEqual(2);
    expect(progress.some((p) => (p.jobs.WAITING ?? 0) === 4)).toBe(true);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ experimentsDone: 6, experimentsTotal: 6, jobs: { DONE: 6 } });
    expect(last.estimatedRemainingMs).toBe(0);
  });

  it('refuses to submit when the backend config drifted from the one compiled against', async () => {
    const transport = new FakeTransport();
    const compiled = referenceBackends.singlequdit.config;
    transport.configValue = { ...compiled, max_shots: 100 };
    const run = startRun(withJobs(transport, { polling }), scanPayload(2), { compiledAgainst: compiled });
    const error = await run.results().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigDriftError);
    expect((error as ConfigDriftError).changes).toEqual(['max_shots']);
    expect(transport.submitted).toEqual([]);
  });

  it('only warns about drift when asked to', async () => {
    const transport = new FakeTransport(['DONE']);
    transport.configValue = { ...referenceBackends.singlequdit.config, gates: [] };
    const warnings: string[] = [];
    const run = startRun(withJobs(transport, { polling }), scanPayload(1), { compiledAgainst: referenceBackends.singlequdit.config, onDrift: 'warn', onWarning: (w) => warnings.push(w) });
    expect(await run.results()).toHaveLength(1);
    expect(warnings[0]).toMatch(/changed since the payload was compiled \(gates\)/);
  });
});

describe('FileJobJournal', () => {
  it('records an accepted job before submitJob resolves, without the token', async () => {
    const dir = await tempDir();
    const journal = new FileJobJournal(dir);
    const backend = withJobs(new FakeTransport(['DONE']), { polling, journal });
    const handle = await backend.submitJob(scanPayload(1), { notes: 'first light', tags: ['rabi'] });
    const entry = await journal.get(handle.jobId);
    expect(entry).toMatchObject({ jobId: handle.jobId, target: 'fake:test', state: 'INITIALIZING', notes: 'first light', tags: ['rabi'] });
    expect(await journal.payload(handle.jobId)).toEqual(scanPayload(1));
    await handle.wait();
    await new Promise((r) => setTimeout(r, 20));
    expect((await journal.get(handle.jobId))!.state).toBe('DONE');
    expect((await journal.result(handle.jobId))!.job_id).toBe(handle.jobId);
  });

  it('stores no secret from the target URL', async () => {
    const journal = new FileJobJournal(await tempDir());
    await journal.record({ jobId: 'j', target: 'https://lab.example/api/v2/x?token=SECRET-TOKEN-1', payload: scanPayload(1), status: { jobId: 'j', state: 'INITIALIZING', raw: 'INITIALIZING', detail: null, errorMessage: null, bodyJobId: 'j' } });
    const files = await readdir(path.join(journal.directory, 'jobs'));
    const text = await readFile(path.join(journal.directory, 'jobs', files[0]!), 'utf8');
    expect(text).not.toContain('SECRET-TOKEN-1');
  });

  it('limits notes to 500 characters', async () => {
    const journal = new FileJobJournal(await tempDir());
    const status = { jobId: 'j', state: 'INITIALIZING' as const, raw: 'INITIALIZING', detail: null, errorMessage: null, bodyJobId: 'j' };
    await expect(journal.record({ jobId: 'j', target: 't', payload: scanPayload(1), status, notes: 'x'.repeat(501) })).rejects.toThrow(/limited to 500 characters \(got 501\)/);
  });

  it('resumes every unfinished job and follows it to DONE', async () => {
    const journal = new FileJobJournal(await tempDir());
    const transport = new FakeTransport(['INITIALIZING', 'INITIALIZING', 'DONE']);
    const first = withJobs(transport, { polling, journal });
    const a = await first.submitJob(scanPayload(1));
    const b = await first.submitJob(scanPayload(2));
    const later = withJobs(transport, { polling, journal });
    const handles = await resumeJobs(journal, () => later);
    expect(handles.map((h) => h.jobId).sort()).toEqual([a.jobId, b.jobId].sort());
    await Promise.all(handles.map((h) => h.wait()));
    await new Promise((r) => setTimeout(r, 20));
    expect((await journal.list()).map((e) => e.state)).toEqual(['DONE', 'DONE']);
    expect(await resumeJobs(journal, () => later)).toEqual([]);
  });
});
