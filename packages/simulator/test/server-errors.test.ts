import { describe, expect, it } from 'vitest';
import { exchange, listVectors, readVector, useRealNetwork } from './support/simulator-fixtures.js';
import { useSimulatorServer } from '../../../test/support/served.js';

useRealNetwork();

interface HttpVector {
  readonly request: { readonly method: string; readonly path: string; readonly headers?: Record<string, string>; readonly body?: unknown };
  readonly httpStatus: number;
  readonly contentType?: string;
  readonly raw: string;
}

const TOKEN = 'test-token-123'; // the vectors' token
// Where django-qlued crashes with Django's HTML 500 (an unknown display name or storage prefix),
// we answer the JSON 404 of an unknown backend instead.
const DEVIATIONS: Readonly<Record<string, string>> = {
  'responses/errors/500-html.json': 'responses/errors/404-unknown-backend.json',
  'responses/errors/500-unknown-storage-prefix.json': 'responses/errors/404-unknown-backend.json',
};

const served = useSimulatorServer({ tokens: [TOKEN] });

function send(request: HttpVector['request']): ReturnType<typeof exchange> {
  const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  return exchange(`${served.base}${request.path}`, { method: request.method, headers: request.headers ?? {}, ...(body === undefined ? {} : { body }) });
}

describe('SimulatorServer error answers', () => {
  it.each(listVectors('responses/errors'))('answer the request of %s with its status code, content type and exact body', async (file) => {
    const vector = readVector<HttpVector>(file);
    const expected = readVector<HttpVector>(DEVIATIONS[file] ?? file);
    const answer = await send(vector.request);
    expect({ status: answer.status, contentType: answer.contentType, text: answer.text }).toEqual({
      status: expected.httpStatus,
      contentType: expected.contentType ?? 'application/json; charset=utf-8',
      text: expected.raw,
    });
  });

  it('answer an unknown job id with the 406 status body naming it, on get_job_status and get_job_result', async () => {
    const vector = readVector<HttpVector>('responses/status/unknown-job.json');
    const resultPath = vector.request.path.replace('get_job_status', 'get_job_result');
    for (const request of [vector.request, { ...vector.request, path: resultPath }]) {
      const answer = await send(request);
      expect({ status: answer.status, text: answer.text }).toEqual({ status: 406, text: vector.raw });
    }
  });

  it("answer a trailing slash, an unknown route or another API version with Django's HTML 404 page", async () => {
    const page = readVector<HttpVector>('responses/errors/404-trailing-slash.json').raw;
    for (const path of [
      '/api/v3/singlequdit/get_config/',
      '/api/v2/backends/',
      '/api/v2/singlequdit/get_status',
      '/api/v4/singlequdit/get_config',
      '/api/v2/singlequdit',
      '/',
    ]) {
      expect(await exchange(`${served.base}${path}`), path).toMatchObject({ status: 404, contentType: 'text/html; charset=utf-8', text: page });
    }
  });

  it('answer a wrong method with 405 and the allowed method', async () => {
    for (const [method, path, allowed] of [
      ['GET', '/api/v3/singlequdit/post_job', 'POST'],
      ['POST', '/api/v2/singlequdit/get_job_status', 'GET'],
      ['DELETE', '/api/v2/backends', 'GET'],
    ] as const) {
      const answer = await exchange(`${served.base}${path}`, { method });
      expect({ status: answer.status, text: answer.text, allow: answer.headers.get('allow') }, `${method} ${path}`).toEqual({
        status: 405,
        text: 'Method not allowed',
        allow: allowed,
      });
    }
  });

  it('answer a v2 job that is not a string, and a v3 payload that is not an object, with django-ninja 422 lists', async () => {
    const v2 = await exchange(`${served.base}/api/v2/singlequdit/post_job`, {
      method: 'POST',
      body: JSON.stringify({ job: { experiment_0: {} }, token: TOKEN }),
    });
    expect(v2).toMatchObject({
      status: 422,
      text: '{"detail": [{"type": "string_type", "loc": ["body", "data", "job"], "msg": "Input should be a valid string"}]}',
    });
    const v3 = await exchange(`${served.base}/api/v3/singlequdit/post_job`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ payload: [1] }),
    });
    expect(v3).toMatchObject({
      status: 422,
      text: '{"detail": [{"type": "dict_type", "loc": ["body", "data", "payload"], "msg": "Input should be a valid dictionary"}]}',
    });
    const bare = await exchange(`${served.base}/api/v3/singlequdit/post_job`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '[]' });
    expect(bare.status).toBe(422);
  });

  it('list every missing v2 query parameter in one 422, in the route signature order', async () => {
    const answer = await exchange(`${served.base}/api/v2/singlequdit/get_job_result`);
    expect(answer).toMatchObject({
      status: 422,
      text: '{"detail": [{"type": "missing", "loc": ["query", "job_id"], "msg": "Field required"}, {"type": "missing", "loc": ["query", "token"], "msg": "Field required"}]}',
    });
  });

  it('resolve three-part names on the storage prefix alqor only', async () => {
    const unknown = readVector<HttpVector>('responses/errors/404-unknown-backend.json').raw;
    expect((await exchange(`${served.base}/api/v2/alqor_singlequdit_hardware/get_config`)).status).toBe(200);
    expect(await exchange(`${served.base}/api/v2/synqs_singlequdit_simulator/get_config`)).toMatchObject({ status: 404, text: unknown });
    expect(await exchange(`${served.base}/api/v2/alqor_tweezer_simulator/get_job_status?job_id=x&token=${TOKEN}`)).toMatchObject({
      status: 404,
      text: unknown,
    });
  });
});
