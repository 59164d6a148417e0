import { describe, expect, it } from 'vitest';
import { AuthError, JobFailedError, RemoteBackend, ServerError, backendFor, startRun, type JobPayload, type RetryEvent } from '@coldatom/core';
import { SimulatorServer, simulateExperiment, type ExperimentExecutor } from '@coldatom/simulator';
import { readVector } from './support/vectors.js';
import { useRealNetwork } from './support/real-network.js';
import { useSimulatorServer } from './support/served.js';

useRealNetwork();

const TOKEN = 'e2e-token-0123456789';
const fast = { jobs: { polling: { initialIntervalMs: 5, maxIntervalMs: 20 } } };
const rabi = (seed: number): JobPayload =>
  Object.fromEntries(
    [0, 0.5, 1, 1.5, 2].map((theta, i) => [
      `experiment_${i}`,
      {
        instructions: [
          ['load', [0], [20]],
          ['rlx', [0], [theta]],
          ['measure', [0], []],
        ],
        shots: 50,
        num_wires: 1,
        wire_order: 'interleaved' as const,
        seed: seed + i,
      },
    ]),
  ) as JobPayload;

const served = useSimulatorServer({ tokens: [TOKEN] });

describe.each(['v2', 'v3'] as const)('RemoteBackend (%s) against our SimulatorServer over HTTP', (version) => {
  it('submits, follows status$ to DONE and reads result$', async () => {
    const backend = backendFor(`${served.base}/api/${version}/singlequdit`, { token: TOKEN, ...fast });
    const job = await backend.submitJob(rabi(1));
    const states: string[] = [];
    job.status$.subscribe((s) => states.push(s.raw));
    const result = await job.wait({ timeoutMs: 20_000 });
    expect(states.at(-1)).toBe('DONE');
    expect(result.results.map((r) => r.header.name)).toEqual(['experiment_0', 'experiment_1', 'experiment_2', 'experiment_3', 'experiment_4']);
    expect(result.results[0]!.data.memory).toEqual(new Array(50).fill('0'));
  });

  it('ends a payload the server rejects in ERROR with the server message', async () => {
    const bad: JobPayload = {
      experiment_0: {
        instructions: [
          ['rlx', [0], [7]],
          ['measure', [0], []],
        ],
        shots: 3,
        num_wires: 1,
        wire_order: 'interleaved',
      },
    };
    const job = await backendFor(`${served.base}/api/${version}/singlequdit`, { token: TOKEN, ...fast }).submitJob(bad);
    const error = (await job.wait({ timeoutMs: 20_000 }).catch((e: unknown) => e)) as JobFailedError;
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error.errorMessage).toMatch(
      /^None; Failed json sanity check\. File will be deleted\. Error message : Error in instruction 1 validation error for RlxInstruction\.\.params\.0\.\. {2}Input should be less than or equal to 6\.283185307179586/,
    );
  });

  it('answers a bad token with AuthError', async () => {
    const error = await backendFor(`${served.base}/api/${version}/singlequdit`, { token: 'wrong-token-xyz', ...fast })
      .submit(rabi(1))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBe(401);
  });
});

describe('SimulatorServer answers like django-qlued', () => {
  const raw = async (path: string, init?: RequestInit): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${served.base}${path}`, init);
    return { status: res.status, text: await res.text() };
  };
  const vector = (file: string): { httpStatus: number; raw: string } => readVector(`responses/errors/${file}`);

  it('byte for byte on the error bodies of the vectors', async () => {
    for (const [path, file, init] of [
      ['/api/v2/alqor_singlequdit/get_config', '404-get-config-bad-name.json', undefined],
      ['/api/v2/singlequdit/get_job_status?token=x', '422-missing-job-id.json', undefined],
      [`/api/v2/singlequdit/get_job_status?job_id=j&token=nope`, '401-bad-token-v2.json', undefined],
      ['/api/v3/singlequdit/get_job_status?job_id=j', '401-missing-bearer-v3.json', undefined],
      ['/api/v3/singlequdit/get_job_status?job_id=j', '401-bad-bearer-v3.json', { headers: { authorization: 'Bearer nope' } }],
      ['/api/v2/nosuchbackend/post_job', '404-unknown-backend.json', { method: 'POST', body: JSON.stringify({ job: '{}', token: TOKEN }) }],
      ['/api/v2/singlequdit/post_job', '406-bad-job-json-v2.json', { method: 'POST', body: JSON.stringify({ job: '{not json', token: TOKEN }) }],
      ['/api/v2/singlequdit/post_job', '422-missing-token-v2-post.json', { method: 'POST', body: JSON.stringify({ job: '{}' }) }],
    ] as const) {
      const want = vector(file);
      expect(await raw(path, init), file).toEqual({ status: want.httpStatus, text: want.raw });
    }
  });

  it('answers an unknown job id with the 406 status body', async () => {
    const want = readVector<{ httpStatus: number; raw: string }>('responses/status/unknown-job.json');
    expect(await raw(`/api/v2/singlequdit/get_job_status?job_id=8780f5ec7eb242668600dead&token=${TOKEN}`)).toEqual({ status: want.httpStatus, text: want.raw });
  });

  it('serves the reference config with its v2 url, also under v3', async () => {
    const config = JSON.parse((await raw('/api/v3/alqor_singlequdit_simulator/get_config')).text) as { url: string; backend_name: string };
    expect(config.url).toBe(`${served.base}/api/v2/alqor_singlequdit_simulator/`);
    expect(config.backend_name).toBe('alqor_singlequdit_simulator');
    expect((await raw('/api/v2/singlequdit/get_config/')).status).toBe(404);
    expect((await raw('/api/v2/singlequdit/post_job')).status).toBe(405);
  });
});

describe('SimulatorServer beyond the reference', () => {
  it('answers 503 with Retry-After when its queue is full', async () => {
    const full = new SimulatorServer({ maxQueuedJobs: 0, retryAfterSeconds: 3 });
    const url = await full.listen();
    try {
      const error = (await backendFor(`${url}/api/v3/singlequdit`, { retry: { limit: 0 } })
        .submit(rabi(1))
        .catch((e: unknown) => e)) as ServerError;
      expect(error).toBeInstanceOf(ServerError);
      expect(error.status).toBe(503);
      const res = await fetch(`${url}/api/v3/singlequdit/post_job`, { method: 'POST', body: JSON.stringify({ payload: rabi(1) }) });
      expect(res.headers.get('retry-after')).toBe('3');
    } finally {
      await full.close();
    }
  });

  it('has a client retry a full queue until its job is taken', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first job holds the only place in the queue until the second submission has been refused.
    const executor: ExperimentExecutor = async (task) => {
      await held;
      return { memory: simulateExperiment(task.backend, task.experiment).memory };
    };
    const busy = new SimulatorServer({ maxQueuedJobs: 1, retryAfterSeconds: 0, executor });
    const url = await busy.listen();
    try {
      const refusals: RetryEvent[] = [];
      const backend = new RemoteBackend(`${url}/api/v3/singlequdit`, {
        retry: { limit: 20, baseDelayMs: 5 },
        onRetry: (event) => {
          refusals.push(event);
          release();
        },
      });
      const first = await backend.submit(rabi(1));
      const second = await backend.submit(rabi(2));
      expect(refusals.length).toBeGreaterThanOrEqual(1);
      expect(refusals.every((event) => event.method === 'POST' && (event.error as ServerError).status === 503)).toBe(true);
      expect(second.jobId).not.toBe(first.jobId);
      await busy.close();
      expect([first.jobId, second.jobId].map((id) => busy.jobStatus(id)?.status)).toEqual(['DONE', 'DONE']);
    } finally {
      release();
      await busy.close();
    }
  });

  it('refuses bodies over its limit with 413', async () => {
    const small = new SimulatorServer({ maxBodyBytes: 100 });
    const url = await small.listen();
    try {
      const res = await fetch(`${url}/api/v3/singlequdit/post_job`, { method: 'POST', body: JSON.stringify({ payload: rabi(1) }) });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('finishes every accepted job before it closes', async () => {
    const closing = new SimulatorServer();
    const url = await closing.listen();
    const backend = backendFor(`${url}/api/v3/singlequdit`);
    const ids = await Promise.all([1, 2, 3].map(async (s) => (await backend.submit(rabi(s))).jobId));
    await closing.close();
    for (const id of ids) expect(closing.jobStatus(id)?.status).toBe('DONE');
  });
});

describe('swapping a remote backend for local:', () => {
  it('gives identical results at the same seed', async () => {
    const remote = await startRun(backendFor(`${served.base}/api/v3/singlequdit`, { token: TOKEN, ...fast }), rabi(11)).results();
    const local = await startRun(backendFor('local:singlequdit', fast), rabi(11)).results();
    expect(remote.map((o) => o.result.data.memory)).toEqual(local.map((o) => o.result.data.memory));
  });
});
