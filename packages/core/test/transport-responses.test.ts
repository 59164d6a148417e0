import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { AuthError, JobRejectedError, NotFoundError, RemoteBackend, RequestValidationError, ServerError, BackendHttpError } from '@coldatom/core';
import { listVectors, readVector } from '../../../test/support/vectors.js';

interface ResponseVector {
  httpStatus: number;
  body: unknown;
  raw: string | null;
}

/** The exact response text; notebook-recorded vectors have only the parsed body. */
const text = (v: ResponseVector): string => v.raw ?? JSON.stringify(v.body);

const HOST = 'https://qlued.example.org';
const backend = (): RemoteBackend => new RemoteBackend(`${HOST}/api/v3/singlequdit`, { token: 'test-token-123', retry: { limit: 0 } });

describe('RemoteBackend reading every recorded response', () => {
  for (const file of listVectors('responses/status').filter((f) => !f.endsWith('backend-status.json'))) {
    it(`reads ${file} as a job status, keyed on the id asked about`, async () => {
      const v = readVector<ResponseVector>(file);
      nock(HOST).get('/api/v3/singlequdit/get_job_status').query(true).reply(v.httpStatus, text(v), { 'content-type': 'application/json' });
      const status = await backend().jobStatus('asked-id');
      expect(status.jobId).toBe('asked-id');
      const bodyStatus = (v.body as { status: string }).status;
      expect(status.raw).toBe(bodyStatus);
      if (v.httpStatus === 406) expect(status.state === 'ERROR' || status.state === undefined).toBe(true);
    });
  }

  it('reads responses/status/backend-status.json from get_backend_status', async () => {
    const v = readVector<ResponseVector>('responses/status/backend-status.json');
    nock(HOST).get('/api/v3/singlequdit/get_backend_status').reply(200, text(v));
    expect(await backend().status()).toEqual(v.body);
  });

  it('answers undefined for get_backend_status on a server that predates it', async () => {
    nock(HOST).get('/api/v3/singlequdit/get_backend_status').reply(404, '<html>Not Found</html>');
    expect(await backend().status()).toBeUndefined();
  });

  for (const file of listVectors('responses/result')) {
    it(`reads ${file} from get_job_result`, async () => {
      const v = readVector<ResponseVector>(file);
      nock(HOST).get('/api/v3/singlequdit/get_job_result').query(true).reply(v.httpStatus, text(v));
      const answer = await backend().jobResult('asked-id');
      const hasResults = typeof v.body === 'object' && v.body !== null && 'results' in v.body;
      expect(answer.ready).toBe(hasResults);
      if (answer.ready) expect(answer.result.results).toHaveLength((v.body as { results: unknown[] }).results.length);
    });
  }

  const expectedClass: Record<number, typeof BackendHttpError> = {
    400: BackendHttpError,
    401: AuthError,
    404: NotFoundError,
    405: BackendHttpError,
    406: JobRejectedError,
    422: RequestValidationError,
    500: ServerError,
  };
  for (const file of listVectors('responses/errors')) {
    it(`turns ${file} into a typed error carrying status and body`, async () => {
      const v = readVector<ResponseVector>(file);
      nock(HOST).post('/api/v3/singlequdit/post_job').reply(v.httpStatus, text(v));
      const error = await backend()
        .submit({ experiment_0: { instructions: [['measure', [0], []]], shots: 1, num_wires: 1, wire_order: 'interleaved' } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(expectedClass[v.httpStatus]);
      const http = error as BackendHttpError;
      expect(http.status).toBe(v.httpStatus);
      expect(http.method).toBe('POST');
      expect(http.url).toBe(`${HOST}/api/v3/singlequdit/post_job`);
      if (v.body !== null) expect(http.body).toEqual(v.body);
      else expect(typeof http.body).toBe('string');
      expect(http.message).toMatch(new RegExp(`^Backend answered HTTP ${v.httpStatus} for POST ${HOST}/api/v3/singlequdit/post_job`));
    });
  }
});

describe('RemoteBackend error paths', () => {
  it('keeps the server texts of a rejected job (406 with a status body)', async () => {
    const v = readVector<ResponseVector>('responses/errors/406-bad-job-json-v2.json');
    nock(HOST).post('/api/v2/singlequdit/post_job').reply(406, text(v));
    const error = await new RemoteBackend(`${HOST}/api/v2/singlequdit`, { token: 'test-token-123' }).submit({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobRejectedError);
    expect((error as JobRejectedError).detail).toBe('The encoding of your json seems not work out!');
  });

  it("keeps django-ninja's list of parameter problems (422)", async () => {
    const v = readVector<ResponseVector>('responses/errors/422-missing-job-id.json');
    nock(HOST).get('/api/v2/singlequdit/get_job_status').query(true).reply(422, text(v));
    const error = (await new RemoteBackend(`${HOST}/api/v2/singlequdit`, { token: 't' }).jobStatus('').catch((e: unknown) => e)) as RequestValidationError;
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.issues).toEqual([{ type: 'missing', loc: ['query', 'job_id'], msg: 'Field required' }]);
    expect(error.message).toContain('query.job_id Field required');
  });

  it('reads an ERROR status sent with HTTP 200 by older servers as a status, not an error', async () => {
    const v = readVector<ResponseVector>('responses/status/legacy-200-error.json');
    nock(HOST).get('/api/v2/singlequdit/get_job_status').query(true).reply(200, text(v));
    expect((await new RemoteBackend(`${HOST}/api/v2/singlequdit`, { token: 't' }).jobStatus('j')).state).toBe('ERROR');
  });

  it('reads an unknown job id (406) as an ERROR status with the server message', async () => {
    const v = readVector<ResponseVector>('responses/status/unknown-job.json');
    nock(HOST).get('/api/v3/singlequdit/get_job_status').query(true).reply(406, text(v));
    const status = await backend().jobStatus('8780f5ec7eb242668600dead');
    expect(status).toMatchObject({ state: 'ERROR', errorMessage: 'Missing status file for 8780f5ec7eb242668600dead.' });
  });

  it('fails with a ProtocolError on a 200 whose body is not JSON', async () => {
    nock(HOST).get('/api/v3/singlequdit/get_config').reply(200, '{"description": "trunc');
    await expect(backend().config()).rejects.toMatchObject({ name: 'ProtocolError' });
  });

  it('fails with a ProtocolError on a 200 whose JSON is no status', async () => {
    nock(HOST).get('/api/v3/singlequdit/get_job_status').query(true).reply(200, { hello: 'world' });
    await expect(backend().jobStatus('j')).rejects.toMatchObject({ name: 'ProtocolError' });
  });

  it('caches the config for its TTL', async () => {
    const scope = nock(HOST).get('/api/v3/singlequdit/get_config').once().reply(200, readVector<object>('configs/singlequdit.json'));
    const b = backend();
    const first = await b.config();
    expect(await b.config()).toBe(first);
    expect(scope.isDone()).toBe(true);
  });
});
