import { describe, expect, it } from 'vitest';
import { backendFor, JobFailedError, type JobPayload } from '@coldatom/core';
import { JobRunner, LocalBackend, QueueFullError, SimulatorClosedError } from '@coldatom/simulator';
import { DONE_DETAIL } from '../src/runner/server-texts.js';
import { heldExecutor, loose, rabi, readVector } from './support/simulator-fixtures.js';

const fast = { jobs: { polling: { initialIntervalMs: 1, maxIntervalMs: 5 } } };

describe('local backends', () => {
  it('are what backendFor("local:<name>") gives once the simulator is imported', async () => {
    const backend = backendFor('local:singlequdit', fast);
    const job = await backend.submitJob(rabi(Math.PI));
    const result = await job.wait();
    expect(result.results[0]!.data.memory).toEqual(new Array(20).fill('50'));
    expect((await backend.jobStatus(job.jobId)).detail).toBe(DONE_DETAIL);
  });

  it('push completion to job handles: a finished job never waits for a poll', async () => {
    // Polls an hour apart: only the pushed status can end this wait.
    const backend = backendFor('local:singlequdit', { jobs: { polling: { initialIntervalMs: 3_600_000, maxIntervalMs: 3_600_000 } } });
    const job = await backend.submitJob(rabi(Math.PI));
    const result = await job.wait();
    expect(result.results[0]!.data.memory).toEqual(new Array(20).fill('50'));
    // No status poll at all: the one request is the result fetch.
    expect(backend.scheduler.requestCount).toBe(1);
  });

  it('push the unknown-job ERROR for an id they do not know', () => {
    const seen: string[] = [];
    new LocalBackend('singlequdit').watchJob('8780f5ec7eb242668600dead', (status) => seen.push(`${status.state}: ${status.detail}`))();
    expect(seen).toEqual(['ERROR: Could not find the status file.']);
  });

  it('answer INITIALIZING on submission, as the reference server does', async () => {
    const { status } = await new LocalBackend('rydberg').submit({
      experiment_0: { instructions: [['measure', [0], []]], shots: 1, num_wires: 1, wire_order: 'interleaved' },
    });
    expect(status).toMatchObject({ state: 'INITIALIZING', detail: 'Got your json.', errorMessage: null });
  });

  it('serve the reference config of the backend', async () => {
    const config = await new LocalBackend('fermions').config();
    expect(config.backend_name).toBe('alqor_fermions_simulator');
    expect(config.supported_instructions).toContain('fhop');
  });

  it('name the local backends when asked for an unknown one', () => {
    expect(() => backendFor('local:tweezer')).toThrow(/no local backend "tweezer"; local backends: local:singlequdit, local:multiqudit/);
  });

  it('reproduce results at the same seed', async () => {
    const backend = backendFor('local:singlequdit', fast);
    const [a, b] = await Promise.all([1, 2].map(async () => (await backend.submitJob(rabi(1.1, { seed: 42 }))).wait()));
    expect(a!.results[0]!.data.memory).toEqual(b!.results[0]!.data.memory);
  });

  it('end a job the server would reject in ERROR with the server message, not with an exception', async () => {
    const { cases } = readVector<{ cases: { name: string; payload: JobPayload; ok: boolean; serverMessage: string }[] }>('validation/singlequdit.json');
    const rejected = cases.find((c) => c.name === 'rlx 6.3')!;
    const backend = backendFor('local:singlequdit', fast);
    const job = await backend.submitJob(rejected.payload);
    const error = (await job.wait().catch((e: unknown) => e)) as JobFailedError;
    expect(error).toBeInstanceOf(JobFailedError);
    expect(loose(error.detail!)).toBe(loose(`Got your json.; Failed json sanity check. File will be deleted. Error message : ${rejected.serverMessage}`));
  });

  it('end a job that fails when run with the reference run message', async () => {
    const { cases } = readVector<{ cases: { name: string; payload: JobPayload; failsAtRun?: boolean; runMessage?: string }[] }>('validation/fermions.json');
    const failing = cases.find((c) => c.failsAtRun)!;
    const error = (await (await backendFor('local:fermions', fast).submitJob(failing.payload)).wait().catch((e: unknown) => e)) as JobFailedError;
    expect(error.detail).toBe(`Got your json.; ${failing.runMessage}`);
    expect(error.errorMessage).toBe(`None; ${failing.runMessage}`);
  });

  it('report the dimension failure with the reference texts', async () => {
    const payload: JobPayload = {
      experiment_0: {
        instructions: [
          ['load', [0], [100]],
          ['load', [1], [100]],
          ['measure', [0], []],
        ],
        shots: 1,
        num_wires: 2,
        wire_order: 'interleaved',
      },
    };
    const error = (await (await backendFor('local:multiqudit', fast).submitJob(payload)).wait().catch((e: unknown) => e)) as JobFailedError;
    const expected = readVector<{ body: { detail: string; error_message: string } }>('responses/status/dimension-error.json').body;
    expect(error.detail).toBe(expected.detail);
    expect(error.errorMessage).toBe(expected.error_message);
  });

  it('answer an unknown job id like the reference server', async () => {
    expect(await new LocalBackend('singlequdit').jobStatus('8780f5ec7eb242668600dead')).toMatchObject({
      state: 'ERROR',
      detail: 'Could not find the status file.',
      errorMessage: 'Missing status file for 8780f5ec7eb242668600dead.',
    });
  });
});

describe('the job runner behind local backends and the server', () => {
  it('refuses a job beyond maxQueuedJobs, naming the bound, and any job once closing', async () => {
    const held = heldExecutor();
    const runner = new JobRunner({ maxQueuedJobs: 1, executor: held.executor });
    runner.submit('singlequdit', rabi(1));
    expect(() => runner.submit('singlequdit', rabi(2))).toThrow(QueueFullError);
    expect(() => runner.submit('rydberg', rabi(2))).toThrow(/queue is full \(1 unfinished jobs, maxQueuedJobs 1\)/);
    const closed = runner.close();
    expect(() => runner.submit('singlequdit', rabi(3))).toThrow(SimulatorClosedError);
    held.release();
    await closed;
    expect(runner.pending()).toBe(0);
  });
});
