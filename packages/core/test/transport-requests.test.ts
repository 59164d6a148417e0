import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ColdAtomError, RemoteBackend, parseBackendUrl, type JobPayload } from '@coldatom/core';
import { buildRequest, readBackendUrl } from '@coldatom/core/internal';
import { listVectors, readVector } from '../../../test/support/vectors.js';

interface RequestVector {
  dialect: string;
  endpoint: 'get_config' | 'post_job' | 'get_job_status' | 'get_job_result';
  baseUrl: string;
  token?: string;
  username?: string;
  password?: string;
  jobId: string;
  payload: JobPayload;
  method: string;
  url: string;
  query: Record<string, string> | null;
  headers: Record<string, string>;
  bodyObject?: Record<string, unknown>;
  form?: Record<string, string>;
}

const answers = {
  get_config: () => readVector<object>('configs/singlequdit.json'),
  post_job: () => readVector<{ body: object }>('responses/status/post-initializing.json').body,
  get_job_status: () => readVector<{ body: object }>('responses/status/done.json').body,
  get_job_result: () => readVector<{ body: object }>('responses/result/singlequdit-done.json').body,
};

interface Captured {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What nock 15 hands to `request` listeners: the fetch Request and the raw body. */
function capture(scope: nock.Scope): () => Captured {
  let captured: Captured | undefined;
  scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
    captured = { method: req.method, url: req.url, headers: Object.fromEntries(req.headers), body };
  });
  return () => {
    if (!captured) throw new Error('no request reached the interceptor');
    return captured;
  };
}

describe('RemoteBackend requests', () => {
  const files = listVectors('requests');

  it('covers every dialect and endpoint of the request vectors', () => {
    expect(files).toHaveLength(16);
  });

  for (const file of files) {
    const v = readVector<RequestVector>(file);
    it(`${v.dialect} ${v.endpoint} is sent exactly as ${file} says`, async () => {
      const expected = new URL(v.url);
      const interceptor = nock(expected.origin).intercept(expected.pathname, v.method);
      const scope = (v.method === 'GET' ? interceptor.query(true) : interceptor).reply(200, answers[v.endpoint]());
      const request = capture(scope);
      const backend = new RemoteBackend(v.baseUrl, {
        ...(v.token ? { token: v.token } : {}),
        ...(v.username ? { username: v.username, password: v.password! } : {}),
      });

      if (v.endpoint === 'get_config') await backend.config();
      if (v.endpoint === 'post_job') expect((await backend.submit(v.payload)).jobId).toBe(v.jobId);
      if (v.endpoint === 'get_job_status') expect((await backend.jobStatus(v.jobId)).state).toBe('DONE');
      if (v.endpoint === 'get_job_result') expect((await backend.jobResult(v.jobId)).ready).toBe(true);

      expect(scope.isDone()).toBe(true);
      const captured = request();
      const sent = new URL(captured.url);
      expect(captured.method).toBe(v.method);
      expect(sent.pathname).toBe(expected.pathname);
      // JSON inside a query (G1's `json=`) is compared parsed: the servers json.loads it.
      const parseJson = (q: Record<string, string>): Record<string, unknown> => (q.json ? { ...q, json: JSON.parse(q.json) } : q);
      expect(parseJson(Object.fromEntries(sent.searchParams))).toEqual(parseJson(v.query ?? {}));
      for (const [name, value] of Object.entries(v.headers)) expect(captured.headers[name]).toContain(value);
      if (!v.headers.authorization) expect(captured.headers.authorization).toBeUndefined();

      if (v.form) {
        const form = Object.fromEntries(new URLSearchParams(captured.body));
        expect(JSON.parse(form.json!)).toEqual(JSON.parse(v.form.json!));
        expect({ ...form, json: undefined }).toEqual({ ...v.form, json: undefined });
      } else if (v.bodyObject) {
        const body = JSON.parse(captured.body) as Record<string, unknown>;
        expect(Object.keys(body)).toEqual(Object.keys(v.bodyObject));
        if (typeof v.bodyObject.job === 'string') {
          expect(JSON.parse(body.job as string)).toEqual(JSON.parse(v.bodyObject.job));
          expect({ ...body, job: undefined }).toEqual({ ...v.bodyObject, job: undefined });
        } else {
          expect(body).toEqual(v.bodyObject);
        }
      } else {
        expect(captured.body).toBeFalsy();
      }
    });
  }

  for (const file of files) {
    const v = readVector<RequestVector>(file);
    it(`${v.dialect} ${v.endpoint} names itself in errors by the URL it sends, every secret query value replaced`, () => {
      const credentials = { token: v.token, username: v.username, password: v.password };
      const built = buildRequest(parseBackendUrl(v.baseUrl), v.endpoint, credentials, { jobId: v.jobId, payload: v.payload });
      const sent = new URL(built.url);
      const shown = new URL(built.redactedUrl ?? '');
      expect(`${shown.origin}${shown.pathname}`).toBe(`${sent.origin}${sent.pathname}`);
      const secrets = new Set(['token', 'password']);
      expect([...shown.searchParams.keys()]).toEqual([...sent.searchParams.keys()]);
      for (const [key, value] of sent.searchParams) expect(shown.searchParams.get(key)).toBe(secrets.has(key) ? '[REDACTED]' : value);
      for (const secret of [v.token, v.password]) if (secret) expect(built.redactedUrl).not.toContain(secret);
    });
  }

  it('normalizes the trailing slash of a config url and keeps it only for legacy G1 routes', async () => {
    const scope = nock('https://lab.example').get('/api/v2/alqor_singlequdit_simulator/get_config').reply(200, readVector<object>('configs/singlequdit.json'));
    const backend = new RemoteBackend('https://lab.example/api/v2/alqor_singlequdit_simulator/');
    expect(backend.dialect).toBe('v2');
    await backend.config();
    expect(scope.isDone()).toBe(true);
  });

  it('URL-encodes opaque job ids, numbers included', async () => {
    const scope = nock('https://lab.example')
      .get('/api/v2/fermions/get_job_status')
      .query({ job_id: '20230429_084630-fermions-fred+x/1', token: 't0k3n-value' })
      .reply(200, { job_id: 56, status: 'DONE', detail: 'ok' });
    const backend = new RemoteBackend('https://lab.example/api/v2/fermions', { token: 't0k3n-value' });
    expect((await backend.jobStatus('20230429_084630-fermions-fred+x/1')).state).toBe('DONE');
    expect(scope.isDone()).toBe(true);
  });
});

describe('readBackendUrl', () => {
  it('normalises a base URL or API root to origin and path, without trailing slashes', () => {
    expect(readBackendUrl('HTTPS://QLUED.alqor.io/api/v3/singlequdit/')).toMatchObject({
      normalized: 'https://qlued.alqor.io/api/v3/singlequdit',
      protocol: 'https:',
      hasQuery: false,
      hasFragment: false,
      hasCredentials: false,
    });
    expect(readBackendUrl('http://127.0.0.1:9000/api//').normalized).toBe('http://127.0.0.1:9000/api');
  });

  it('tells what a URL carries beyond a base URL, and leaves it out of the normalised form', () => {
    const url = readBackendUrl('https://u:p@h/api/v2/x?token=abc#top');
    expect(url).toMatchObject({ normalized: 'https://h/api/v2/x', hasQuery: true, hasFragment: true, hasCredentials: true });
  });

  it('refuses a text that is no URL with ColdAtomError', () => {
    expect(() => readBackendUrl('not a url')).toThrow(ColdAtomError);
    expect(() => readBackendUrl('not a url')).toThrow(/"not a url" is not a URL/);
  });

  it('is what parseBackendUrl detects the dialect from', () => {
    expect(parseBackendUrl('https://h/api/v3/singlequdit/')).toEqual({ apiRoot: 'https://h/api/v3', backend: 'singlequdit', dialect: 'v3' });
  });
});
