import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { RemoteBackend, backendFor, listBackends, registerBackendScheme, transportFor, type BackendTransport } from '@coldatom/core';
import { readVector } from '../../../test/support/vectors.js';

describe('backendFor', () => {
  it('makes a RemoteBackend for a backend base URL, in the dialect its path names', () => {
    const transport = transportFor('https://qlued.alqor.io/api/v3/singlequdit', { token: 't' });
    expect(transport).toBeInstanceOf(RemoteBackend);
    expect((transport as RemoteBackend).dialect).toBe('v3');
    const backend = backendFor('https://qlued.alqor.io/api/v3/singlequdit', { token: 't' });
    expect(backend.name).toBe('singlequdit');
    expect(typeof backend.retrieve).toBe('function');
  });

  it('takes the token from COLDATOM_TOKEN when none is given', async () => {
    const previous = process.env.COLDATOM_TOKEN;
    process.env.COLDATOM_TOKEN = 'env-token-42';
    try {
      const scope = nock('https://lab.example')
        .get('/api/v2/rydberg/get_job_status')
        .query({ job_id: 'j', token: 'env-token-42' })
        .reply(200, { job_id: 'j', status: 'QUEUED', detail: '', error_message: 'None' });
      expect((await backendFor('https://lab.example/api/v2/rydberg').jobStatus('j')).state).toBe('QUEUED');
      expect(scope.isDone()).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.COLDATOM_TOKEN;
      else process.env.COLDATOM_TOKEN = previous;
    }
  });

  it('routes a registered scheme to its factory', () => {
    const fake = { name: 'x', target: 'demo:x' } as BackendTransport;
    registerBackendScheme('demo', (name) => ({ ...fake, name }));
    expect(backendFor('demo:fermions').name).toBe('fermions');
  });

  it('says how to get local backends when the simulator is not loaded', () => {
    expect(() => backendFor('local-missing:x')).toThrow(/No backend scheme "local-missing"/);
    expect(() => backendFor('local:singlequdit')).toThrow(/import '@coldatom\/simulator'/);
  });

  it('rejects a URL that names no backend', () => {
    expect(() => backendFor('https://qlued.alqor.io/')).toThrow(/not a backend base URL/);
  });
});

describe('listBackends', () => {
  it('reads the /backends list of a host', async () => {
    nock('https://qlued.alqor.io').get('/api/v2/backends').reply(200, readVector<object>('configs/backends-list.json'));
    const list = await listBackends('https://qlued.alqor.io/api/v2/');
    expect(list.map((c) => c.display_name)).toEqual(['singlequdit', 'multiqudit', 'fermions', 'rydberg']);
  });
});

describe('backendFor job handles', () => {
  it("report the transport's retries as retry events of the job that caused them", async () => {
    nock('https://lab.example')
      .get('/api/v3/singlequdit/get_job_status')
      .query(true)
      .reply(503, 'busy')
      .get('/api/v3/singlequdit/get_job_status')
      .query(true)
      .reply(200, { job_id: 'j7', status: 'DONE', detail: '', error_message: 'None' });
    nock('https://lab.example').get('/api/v3/singlequdit/get_job_result').query(true).reply(200, { job_id: 'j7', success: true, results: [] });
    const backend = backendFor('https://lab.example/api/v3/singlequdit', {
      token: 't',
      retry: { limit: 1, baseDelayMs: 1 },
      jobs: { polling: { initialIntervalMs: 1 } },
    });
    const job = backend.retrieve('j7');
    const events: string[] = [];
    job.events$.subscribe((e) => events.push(e.type));
    await job.wait({ timeoutMs: 5000 });
    expect(events).toContain('retry');
  });
});
