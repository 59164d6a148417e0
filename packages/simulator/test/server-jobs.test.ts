import { describe, expect, it } from 'vitest';
import { SimulatorServer } from '@coldatom/simulator';
import { DONE_DETAIL } from '../src/runner/server-texts.js';
import { exchange, heldExecutor, loose, rabi, readVector, settled, useRealNetwork } from './support/simulator-fixtures.js';
import { useSimulatorServer } from '../../../test/support/served.js';

useRealNetwork();

interface JobVector {
  readonly payload: Record<string, unknown>;
  readonly httpStatus: number;
  readonly body: { readonly job_id: string; readonly display_name?: string };
  readonly raw: string;
}

const TOKEN = 'test-token-123';
const auth = { authorization: `Bearer ${TOKEN}` };
// Sampled memory differs from numpy's stream (protocol.md §4.2); everything around it must not.
const withoutMemory = (text: string): string => text.replace(/"memory": \[[^\]]*\]/g, '"memory": […]');

const served = useSimulatorServer({ tokens: [TOKEN] });

/** Posts through v2 exactly as the reference client does (job as a JSON string), answers the job id. */
async function post(backend: string, payload: unknown): Promise<string> {
  const answer = await exchange(`${served.base}/api/v2/${backend}/post_job`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ job: JSON.stringify(payload), token: TOKEN }),
  });
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.text) as { job_id: string }).job_id;
}

const statusUrl = (backend: string, jobId: string): string => `${served.base}/api/v2/${backend}/get_job_status?job_id=${jobId}&token=${TOKEN}`;
const resultUrl = (backend: string, jobId: string): string => `${served.base}/api/v3/${backend}/get_job_result?job_id=${jobId}`;

describe('SimulatorServer job life cycle', () => {
  it('answers post_job with the INITIALIZING status of a new 24-hex job id', async () => {
    const vector = readVector<JobVector & { request: { body: { job: string } } }>('responses/status/post-initializing.json');
    const answer = await exchange(`${served.base}/api/v2/singlequdit/post_job`, { method: 'POST', body: JSON.stringify(vector.request.body) });
    const jobId = (JSON.parse(answer.text) as { job_id: string }).job_id;
    expect(jobId).toMatch(/^[0-9a-f]{24}$/);
    expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: vector.raw.replace(vector.body.job_id, jobId) });
    await settled(statusUrl('singlequdit', jobId));
  });

  it('ends a valid job DONE with the reference detail (21 spaces) and HTTP 200', async () => {
    const vector = readVector<JobVector>('responses/status/done.json');
    const jobId = await post('singlequdit', rabi(Math.PI));
    expect(await settled(statusUrl('singlequdit', jobId))).toMatchObject({ status: 200, text: vector.raw.replace(vector.body.job_id, jobId) });
  });

  it.each(['singlequdit-done', 'multiqudit-done', 'fermions-done', 'rydberg-done', 'no-measure-empty-memory'])(
    'serves the result of %s in the reference shape, key order and float style',
    async (name) => {
      const vector = readVector<JobVector>(`responses/result/${name}.json`);
      const backend = vector.body.display_name!;
      const jobId = await post(backend, vector.payload);
      await settled(statusUrl(backend, jobId));
      const answer = await exchange(resultUrl(backend, jobId), { headers: auth });
      expect(answer.status).toBe(200);
      expect(withoutMemory(answer.text)).toBe(withoutMemory(vector.raw.replace(vector.body.job_id, jobId)));
      const memories = (text: string): string[][] => (JSON.parse(text) as { results: { data: { memory: string[] } }[] }).results.map((r) => r.data.memory);
      const reference = memories(vector.raw);
      memories(answer.text).forEach((memory, i) => {
        const values = reference[i]![0]?.split(' ').length ?? 0;
        expect(memory).toHaveLength(reference[i]!.length);
        for (const shot of memory) expect(shot.split(' ')).toHaveLength(values);
      });
    },
  );

  it('reports a validation failure as 406 ERROR with the server message, on status and result', async () => {
    const vector = readVector<JobVector>('responses/status/error-validation.json');
    const jobId = await post('singlequdit', vector.payload);
    const status = await settled(statusUrl('singlequdit', jobId));
    expect({ status: status.status, text: loose(status.text) }).toEqual({ status: 406, text: loose(vector.raw.replace(vector.body.job_id, jobId)) });
    const result = await exchange(resultUrl('singlequdit', jobId), { headers: auth });
    expect({ status: result.status, text: result.text }).toEqual({ status: 406, text: status.text });
  });

  it.each(['dimension-error', 'simulation-error'])('reports %s with the exact reference texts', async (name) => {
    const vector = readVector<JobVector & { request?: unknown }>(`responses/status/${name}.json`);
    const backend = name === 'dimension-error' ? 'multiqudit' : 'fermions';
    const jobId = await post(backend, vector.payload);
    expect(await settled(statusUrl(backend, jobId))).toMatchObject({ status: 406, text: vector.raw.replace(vector.body.job_id, jobId) });
  });

  it('ends an input that crashes the reference spooler in ERROR with its own id and a message naming the fault', async () => {
    const vector = readVector<{ payload: unknown; requestedJobId: string }>('responses/status/crash-previous-job-id.json');
    const jobId = await post('singlequdit', vector.payload);
    const answer = await settled(statusUrl('singlequdit', jobId));
    const body = JSON.parse(answer.text) as { job_id: string; status: string; error_message: string };
    expect(answer.status).toBe(406);
    expect(body.job_id).toBe(jobId);
    expect(body.error_message).toMatch(/^None; Failed json sanity check\. File will be deleted\. Error message : experiment_0 has no measure/);
  });

  it('rejects a v2 job string holding JSON that is not an object after accepting it, naming the rule', async () => {
    const jobId = await post('rydberg', [1, 2]);
    const body = JSON.parse((await settled(statusUrl('rydberg', jobId))).text) as { status: string; detail: string };
    expect(body.status).toBe('ERROR');
    expect(body.detail).toMatch(/Error message : The job payload must be an object of experiments/);
  });

  it('reproduces the memory of a seeded experiment, through v2 and v3 alike', async () => {
    const payload = rabi(1.1, { seed: 7, shots: 200 });
    const ids = [await post('singlequdit', payload), await post('singlequdit', payload)];
    const memories = await Promise.all(
      ids.map(async (jobId) => {
        await settled(statusUrl('singlequdit', jobId));
        const result = JSON.parse((await exchange(resultUrl('singlequdit', jobId), { headers: auth })).text) as { results: { data: { memory: string[] } }[] };
        return result.results[0]!.data.memory;
      }),
    );
    expect(new Set(memories[0]).size).toBeGreaterThan(1);
    expect(memories[1]).toEqual(memories[0]);
  });

  it('keeps a job id to the backend it was posted to', async () => {
    const jobId = await post('singlequdit', rabi(0));
    await settled(statusUrl('singlequdit', jobId));
    const elsewhere = await exchange(statusUrl('rydberg', jobId));
    expect(elsewhere).toMatchObject({
      status: 406,
      text: readVector<JobVector>('responses/status/unknown-job.json').raw.replaceAll('8780f5ec7eb242668600dead', jobId),
    });
  });
});

describe('SimulatorServer before a job finishes', () => {
  it('answers get_job_result with the status object while the job runs', async () => {
    const held = heldExecutor();
    const holding = new SimulatorServer({ executor: held.executor });
    const url = await holding.listen();
    try {
      const vector = readVector<JobVector>('responses/result/not-ready-status-shaped.json');
      const posted = await exchange(`${url}/api/v3/singlequdit/post_job`, { method: 'POST', body: JSON.stringify({ payload: rabi(1) }) });
      const jobId = (JSON.parse(posted.text) as { job_id: string }).job_id;
      expect(await exchange(`${url}/api/v3/singlequdit/get_job_result?job_id=${jobId}`)).toMatchObject({
        status: 200,
        text: vector.raw.replace(vector.body.job_id, jobId),
      });
      expect(JSON.parse((await exchange(`${url}/api/v3/singlequdit/get_backend_status`)).text)).toMatchObject({ pending_jobs: 1, operational: true });
      held.release();
      const done = JSON.parse((await settled(`${url}/api/v3/singlequdit/get_job_status?job_id=${jobId}`)).text) as { detail: string };
      expect(done.detail).toBe(DONE_DETAIL);
    } finally {
      await holding.close();
    }
  });

  it('records jobs still running when its shutdown grace ends as ERROR', async () => {
    const held = heldExecutor(); // never released: the jobs outlive the grace
    const closing = new SimulatorServer({ executor: held.executor, shutdownGraceMs: 50 });
    const url = await closing.listen();
    const post = (): Promise<{ status: number; text: string; headers: Headers }> =>
      exchange(`${url}/api/v3/singlequdit/post_job`, { method: 'POST', body: JSON.stringify({ payload: rabi(1) }) });
    const ids = await Promise.all([post(), post()].map(async (answer) => (JSON.parse((await answer).text) as { job_id: string }).job_id));
    await expect.poll(() => held.started).toBe(2);
    await closing.close();
    for (const id of ids) {
      expect(closing.jobStatus(id)).toMatchObject({
        status: 'ERROR',
        error_message: 'None; The simulator shut down before this job finished; submit it again.',
      });
    }
  });
});
