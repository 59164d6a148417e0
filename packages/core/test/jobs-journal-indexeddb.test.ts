/**
 * The browser journal (IndexedDB, here through fake-indexeddb) keeps the same records and rules as
 * the file journal, and survives a "reload": a new instance on the same database sees every job.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexedDbJobJournal, type JobPayload, type JobStatus } from '@coldatom/core';

const payload: JobPayload = { experiment_0: { instructions: [['measure', [0], []]], shots: 1, num_wires: 1, wire_order: 'interleaved' } };
const initializing: JobStatus = { jobId: 'j1', state: 'INITIALIZING', raw: 'INITIALIZING', detail: null, errorMessage: null, bodyJobId: 'j1' };
let databases = 0;
const fresh = (): IndexedDbJobJournal => new IndexedDbJobJournal({ databaseName: `journal-test-${++databases}` });

describe('IndexedDbJobJournal', () => {
  it('records, updates and stores results as the file journal does, and a reloaded page sees them', async () => {
    const journal = fresh();
    await journal.record({
      jobId: 'j1',
      target: 'https://h/api/v3/singlequdit?token=secret-never-stored',
      payload,
      status: initializing,
      scan: { parameters: ['t'], points: [{ experiment: 'experiment_0', values: { t: 1 } }] },
    });
    await journal.record({ jobId: 'j2', target: 'https://h/api/v3/singlequdit', payload, status: { ...initializing, jobId: 'j2' } });
    await journal.update('j2', { state: 'RUNNING' });
    await journal.saveResult('j1', {
      job_id: 'j1',
      success: true,
      status: 'INITIALIZING',
      results: [{ header: { name: 'experiment_0' }, shots: 1, success: true, data: { memory: ['0'] } }],
    });

    const reloaded = new IndexedDbJobJournal({ databaseName: `journal-test-${databases}` });
    const entries = await reloaded.list();
    expect(entries.map((e) => [e.jobId, e.state])).toEqual([
      ['j1', 'DONE'],
      ['j2', 'RUNNING'],
    ]);
    expect(entries[0]!.target).not.toContain('secret-never-stored');
    expect((await reloaded.result('j1'))?.results[0]?.data.memory).toEqual(['0']);
    expect(await reloaded.payload('j2')).toEqual(payload);
    expect((await reloaded.resume((target) => ({ retrieve: (jobId) => ({ jobId, target }) as never }))).map((h) => h.jobId)).toEqual(['j2']);
  });

  it('keeps submissions written ahead until they are ended, with their run', async () => {
    const journal = fresh();
    const key = await journal.beginSubmission('https://h/api/v3/singlequdit', payload, { runId: 'run-1', originals: ['experiment_7'] });
    expect((await journal.pending()).map((p) => [p.key, p.runId, p.originals])).toEqual([[key, 'run-1', ['experiment_7']]]);
    await journal.endSubmission(key);
    expect(await journal.pending()).toEqual([]);
  });

  it('never forgets an unfinished job unless forced', async () => {
    const journal = fresh();
    await journal.record({ jobId: 'j1', target: 't', payload, status: initializing });
    await expect(journal.forget('j1')).rejects.toThrow(/not finished/);
    expect((await journal.forget('j1', { force: true }))?.jobId).toBe('j1');
    expect(await journal.list()).toEqual([]);
  });

  it('says clearly that it needs IndexedDB where there is none', () => {
    // Removing the global stands for Node without fake-indexeddb (no DOM types in this project).
    const global = globalThis as { indexedDB?: unknown };
    const saved = global.indexedDB;
    delete global.indexedDB;
    try {
      expect(() => new IndexedDbJobJournal()).toThrow(/needs IndexedDB.*FileJobJournal/);
    } finally {
      global.indexedDB = saved;
    }
  });
});
