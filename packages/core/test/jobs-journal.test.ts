import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  FileJobJournal,
  JobMetadataError,
  JournalReadError,
  ServerError,
  AuthError,
  backendFor,
  configHash,
  sha256Json,
  withJobs,
  type JobEvent,
  type JobJournal,
  type JobPayload,
  type JobStatus,
} from '@coldatom/core';
import { referenceBackends } from '@coldatom/backend-config';
import { useRealNetwork } from '../../../test/support/real-network.js';
import { FakeTransport, statusOf } from './support/fake-transport.js';
import { startQluedStub } from './support/qlued-stub.js';

useRealNetwork();

const polling = { initialIntervalMs: 1, maxIntervalMs: 2, jitter: 0, maxRequestsPerSecond: Number.POSITIVE_INFINITY };
const payloadOf = (shots: number): JobPayload => ({
  experiment_0: {
    instructions: [
      ['load', [0], [5]],
      ['rlx', [0], [1.5]],
      ['measure', [0], []],
    ],
    shots,
    num_wires: 1,
    wire_order: 'interleaved',
  },
});
const tempDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'coldatom-journal-'));
const initializing: JobStatus = statusOf('j', 'INITIALIZING');

/** Every file under a folder, with its text. */
async function filesUnder(dir: string): Promise<{ file: string; text: string }[]> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    names
      .filter((d) => d.isFile())
      .map(async (d) => ({ file: path.join(d.parentPath, d.name), text: await readFile(path.join(d.parentPath, d.name), 'utf8') })),
  );
}

describe('FileJobJournal with submitJob', () => {
  it('records the accepted job before submitJob resolves, with its metadata', async () => {
    const journal = new FileJobJournal(await tempDir());
    const transport = new FakeTransport(['DONE']);
    const scan = { parameters: ['theta'], points: [{ experiment: 'experiment_0', values: { theta: 1.5 } }] };
    const handle = await withJobs(transport, { polling, journal }).submitJob(payloadOf(7), {
      notes: 'first light',
      tags: ['rabi'],
      scan,
      configHash: configHash(referenceBackends.singlequdit.config),
    });
    const entry = await journal.get(handle.jobId);
    expect(entry).toMatchObject({
      jobId: handle.jobId,
      target: 'fake:test',
      dialect: 'fake',
      payloadHash: sha256Json(payloadOf(7)),
      configHash: configHash(referenceBackends.singlequdit.config),
      scan,
      notes: 'first light',
      tags: ['rabi'],
      state: 'INITIALIZING',
    });
    expect(Date.parse(entry!.submittedAt)).not.toBeNaN();
    expect(await journal.payload(handle.jobId)).toEqual(payloadOf(7));
    expect(await journal.pending()).toEqual([]);
  });

  it('stores the result beside the journal, and marks the job DONE, before the handle delivers it', async () => {
    const journal = new FileJobJournal(await tempDir());
    const handle = await withJobs(new FakeTransport(['INITIALIZING', 'DONE']), { polling, journal }).submitJob(payloadOf(1));
    const result = await handle.wait();
    const entry = await journal.get(handle.jobId);
    expect(entry).toMatchObject({ state: 'DONE', resultFile: `results/${handle.jobId}.json` });
    expect(await journal.result(handle.jobId)).toEqual(result);
  });

  it('keeps the last known state and the server texts of a failed job', async () => {
    const journal = new FileJobJournal(await tempDir());
    const handle = await withJobs(new FakeTransport(['QUEUED', 'ERROR']), { polling, journal }).submitJob(payloadOf(1));
    await handle.wait().catch(() => undefined);
    await vi.waitFor(async () =>
      expect(await journal.get(handle.jobId)).toMatchObject({ state: 'ERROR', failure: { detail: null, errorMessage: 'None; boom' } }),
    );
  });

  it('rejects notes over 500 characters, and malformed tags, before anything is sent', async () => {
    const journal = new FileJobJournal(await tempDir());
    const transport = new FakeTransport();
    const backend = withJobs(transport, { polling, journal });
    const long = await backend.submitJob(payloadOf(1), { notes: 'x'.repeat(501) }).catch((e: unknown) => e);
    expect(long).toBeInstanceOf(JobMetadataError);
    expect((long as Error).message).toMatch(/notes: notes are limited to 500 characters \(got 501\)/);
    await expect(backend.submitJob(payloadOf(1), { tags: ['ok', ''] })).rejects.toThrow(/tags\.1: a tag cannot be empty/);
    await expect(backend.submitJob(payloadOf(1), { tags: ['a\nb'] })).rejects.toThrow(/line break/);
    expect(await backend.submitJob(payloadOf(1), { notes: 'x'.repeat(500) })).toBeDefined();
    expect(transport.submitted).toHaveLength(1);
    expect(await journal.pending()).toEqual([]);
  });

  it('keeps a pending submission when the server may hold the job, and drops it when it certainly does not', async () => {
    const journal = new FileJobJournal(await tempDir());
    const transport = new FakeTransport();
    const backend = withJobs(transport, { polling, journal });
    transport.submit = () => Promise.reject(new AuthError('HTTP 401', { status: 401, body: null }));
    await expect(backend.submitJob(payloadOf(1))).rejects.toBeInstanceOf(AuthError);
    expect(await journal.pending()).toEqual([]);
    transport.submit = () => Promise.reject(new ServerError('HTTP 502', { status: 502, body: null }));
    await expect(backend.submitJob(payloadOf(2))).rejects.toBeInstanceOf(ServerError);
    expect((await journal.pending()).map((p) => p.payloadHash)).toEqual([sha256Json(payloadOf(2))]);
  });

  it('records into the journal given to submitJob instead of the backend one', async () => {
    const own = new FileJobJournal(await tempDir());
    const handle = await withJobs(new FakeTransport(['DONE']), { polling }).submitJob(payloadOf(1), { journal: own });
    await handle.wait();
    expect((await own.get(handle.jobId))?.state).toBe('DONE');
  });

  it('leaves the journal alone for a retrieved job it does not hold', async () => {
    const journal = new FileJobJournal(await tempDir());
    await withJobs(new FakeTransport(['QUEUED', 'DONE']), { polling, journal })
      .retrieve('submitted-elsewhere')
      .wait();
    expect(await filesUnder(journal.directory).catch(() => [])).toEqual([]);
  });

  it('tells a journal failure as an event and goes on following', async () => {
    const journal = new FileJobJournal(await tempDir());
    const failing: JobJournal = {
      beginSubmission: (t, p) => journal.beginSubmission(t, p),
      endSubmission: (k) => journal.endSubmission(k),
      pending: () => journal.pending(),
      record: (input) => journal.record(input),
      update: () => Promise.reject(new Error('disk full')),
      saveResult: (id, r) => journal.saveResult(id, r),
      get: (id) => journal.get(id),
      list: () => journal.list(),
      payload: (id) => journal.payload(id),
      result: (id) => journal.result(id),
    };
    const handle = await withJobs(new FakeTransport(['QUEUED', 'DONE']), { polling, journal: failing }).submitJob(payloadOf(1));
    const events: JobEvent[] = [];
    handle.events$.subscribe((e) => events.push(e));
    await handle.wait();
    expect(events.filter((e) => e.type === 'journal-failed').map((e) => String((e as { error: unknown }).error))).toContain('Error: disk full');
    expect((await journal.get(handle.jobId))?.state).toBe('DONE');
  });
});

describe('FileJobJournal files', () => {
  it('never writes the token, over a real HTTP round trip', async () => {
    const token = 'tok-5c1e7a9d2b4f4e0d8a6b3c1f9e7d5a2b';
    const stub = await startQluedStub({ token, pollsToDone: 2 });
    try {
      const journal = new FileJobJournal(await tempDir());
      const backend = backendFor(stub.url, { token, jobs: { journal, polling } });
      const handle = await backend.submitJob(payloadOf(3), { notes: 'token check' });
      await handle.wait();
      await journal.record({ jobId: 'by-hand', target: `${stub.url}?token=${token}`, payload: payloadOf(4), status: initializing });
      const files = await filesUnder(journal.directory);
      expect(files.map((f) => path.relative(journal.directory, f.file)).sort()).toEqual(
        [
          'jobs/by-hand.json',
          `jobs/${handle.jobId}.json`,
          `payloads/${sha256Json(payloadOf(3))}.json`,
          `payloads/${sha256Json(payloadOf(4))}.json`,
          `results/${handle.jobId}.json`,
        ].sort(),
      );
      for (const { file, text } of files) expect(text, file).not.toContain(token);
      expect(await journal.get(handle.jobId)).toMatchObject({ dialect: 'v2', target: stub.url, state: 'DONE' });
    } finally {
      await stub.close();
    }
  });

  it('writes atomically: concurrent updates never leave a reader a partial file or a temp file behind', async () => {
    const journal = new FileJobJournal(await tempDir());
    await journal.record({ jobId: 'j', target: 't', payload: payloadOf(1), status: initializing, notes: 'n'.repeat(500) });
    const file = path.join(journal.directory, 'jobs', 'j.json');
    const states = ['QUEUED', 'RUNNING', 'INITIALIZING'] as const;
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const entry = JSON.parse(await readFile(file, 'utf8')) as { state: string };
        expect(['INITIALIZING', 'QUEUED', 'RUNNING']).toContain(entry.state);
        reads++;
      }
    })();
    await Promise.all(Array.from({ length: 60 }, (_, i) => journal.update('j', { state: states[i % 3]! })));
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(await readdir(path.join(journal.directory, 'jobs'))).toEqual(['j.json']);
    expect((await journal.get('j'))?.state).toBe('INITIALIZING');
  });

  it('applies updates of one job in order, and a stored result is final', async () => {
    const journal = new FileJobJournal(await tempDir());
    await journal.record({ jobId: 'j', target: 't', payload: payloadOf(1), status: initializing });
    const updates = [
      journal.update('j', { state: 'QUEUED' }),
      journal.update('j', { state: 'RUNNING' }),
      journal.saveResult('j', { job_id: 'j', success: true, results: [] }),
      journal.update('j', { state: 'INITIALIZING' }),
    ];
    await Promise.all(updates);
    expect(await journal.get('j')).toMatchObject({ state: 'DONE', resultFile: 'results/j.json' });
  });

  it('names files of ids that are not plain file names by their hash', async () => {
    const journal = new FileJobJournal(await tempDir());
    for (const jobId of ['../escape', 'a/b', '.hidden'])
      await journal.record({ jobId, target: 't', payload: payloadOf(1), status: { ...initializing, jobId } });
    const names = await readdir(path.join(journal.directory, 'jobs'));
    expect(names).toHaveLength(3);
    expect(names.every((n) => /^~[0-9a-f]{64}\.json$/.test(n))).toBe(true);
    expect((await journal.list()).map((e) => e.jobId).sort()).toEqual(['../escape', '.hidden', 'a/b']);
  });

  it('refuses an entry it cannot read, naming the file and the problem', async () => {
    const journal = new FileJobJournal(await tempDir());
    await journal.record({ jobId: 'j', target: 't', payload: payloadOf(1), status: initializing });
    const file = path.join(journal.directory, 'jobs', 'j.json');
    await writeFile(file, JSON.stringify({ jobId: 'j', state: 'VANISHED' }));
    const error = await journal.get('j').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalReadError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/state: Invalid option/);
  });
});

describe('FileJobJournal.resume', () => {
  it('re-creates handles for every unfinished job, which record their progress, and none for finished ones', async () => {
    const journal = new FileJobJournal(await tempDir());
    const transport = new FakeTransport(['INITIALIZING', 'INITIALIZING', 'DONE']);
    const first = withJobs(transport, { polling, journal });
    const a = await first.submitJob(payloadOf(1));
    const b = await first.submitJob(payloadOf(2));
    const done = await first.submitJob(payloadOf(3));
    await done.wait();

    // A new process: backends without a journal of their own still record into this one.
    const handles = await journal.resume(() => withJobs(transport, { polling }));
    expect(handles.map((h) => h.jobId).sort()).toEqual([a.jobId, b.jobId].sort());
    await Promise.all(handles.map((h) => h.wait()));
    expect((await journal.list()).map((e) => e.state)).toEqual(['DONE', 'DONE', 'DONE']);
    expect(await journal.resume(() => withJobs(transport, { polling }))).toEqual([]);
  });

  it('resumes through a resolver that answers with a promise, asking it once per target', async () => {
    const journal = new FileJobJournal(await tempDir());
    const transport = new FakeTransport(['INITIALIZING', 'DONE']);
    const backend = withJobs(transport, { journal, polling });
    const a = await backend.submitJob(payloadOf(1));
    const b = await backend.submitJob(payloadOf(2));
    const asked: string[] = [];
    const handles = await journal.resume(async (target) => {
      asked.push(target);
      return withJobs(transport, { polling });
    });
    expect(handles.map((h) => h.jobId)).toEqual([a.jobId, b.jobId]);
    expect(asked).toEqual([transport.target]);
    await Promise.all(handles.map((h) => h.wait()));
    expect((await journal.list()).map((e) => e.state)).toEqual(['DONE', 'DONE']);
  });
});
