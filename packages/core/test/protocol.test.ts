import { describe, expect, it } from 'vitest';
import { JobPayload, StatusMessage, decodeMemory, experiment, memoryStatistics } from '@coldatom/core';
import { classifyBody, normalizeState, toJobStatus } from '@coldatom/core/internal';
import { readVector } from '../../../test/support/vectors.js';

interface ResponseVector {
  httpStatus: number;
  body: unknown;
}

describe('normalizeState', () => {
  it('maps every status string of every generation to a normalized state', () => {
    expect(['INITIALIZING', 'QUEUED', 'RUNNING', 'DONE', 'ERROR', 'finished', 'error', 'VALIDATING', 'CANCELLED'].map(normalizeState)).toEqual([
      'INITIALIZING',
      'QUEUED',
      'RUNNING',
      'DONE',
      'ERROR',
      'DONE',
      'ERROR',
      'QUEUED',
      'ERROR',
    ]);
  });

  it('keeps unknown strings unmapped instead of throwing', () => {
    expect(normalizeState('None')).toBeUndefined();
    expect(normalizeState('teleporting')).toBeUndefined();
  });
});

describe('toJobStatus', () => {
  it('turns the "None" placeholders into null', () => {
    const { body } = readVector<ResponseVector>('responses/status/post-initializing.json');
    expect(toJobStatus(StatusMessage.parse(body), '8780f5ec7eb2426686563b56')).toEqual({
      jobId: '8780f5ec7eb2426686563b56',
      state: 'INITIALIZING',
      raw: 'INITIALIZING',
      detail: 'Got your json.',
      errorMessage: null,
      bodyJobId: '8780f5ec7eb2426686563b56',
    });
  });

  it('keys the status on the id asked about, not on the job_id a crashed spooler puts in the body', () => {
    const { body } = readVector<ResponseVector>('responses/status/crash-previous-job-id.json');
    const status = toJobStatus(StatusMessage.parse(body), '8780f5ec7eb2426686000011');
    expect(status.jobId).toBe('8780f5ec7eb2426686000011');
    expect(status.bodyJobId).toBe('8780f5ec7eb2426686000010');
    expect(status.state).toBe('ERROR');
  });

  it('reads the 2021 server: integer job id, no error_message', () => {
    const { body } = readVector<ResponseVector>('responses/status/legacy-g0-done.json');
    expect(toJobStatus(StatusMessage.parse(body), '56')).toMatchObject({ state: 'DONE', bodyJobId: '56', errorMessage: null });
  });

  it('keeps a "None" status raw with no state', () => {
    const { body } = readVector<ResponseVector>('responses/status/legacy-none-status.json');
    expect(toJobStatus(StatusMessage.parse(body), 'x')).toMatchObject({ state: undefined, raw: 'None' });
  });
});

describe('classifyBody', () => {
  it('tells a result from the status object get_job_result answers before DONE', () => {
    expect(classifyBody(readVector<ResponseVector>('responses/result/singlequdit-done.json').body).kind).toBe('result');
    expect(classifyBody(readVector<ResponseVector>('responses/result/not-ready-status-shaped.json').body).kind).toBe('status');
  });

  it('treats a result as a result whatever its own status field says', () => {
    const body = readVector<ResponseVector>('responses/result/legacy-finished-experiments.json').body as { status: string };
    expect(body.status).toBe('finished');
    expect(classifyBody(body).kind).toBe('result');
  });

  it('recognizes django-ninja bodies', () => {
    expect(classifyBody(readVector<ResponseVector>('responses/errors/422-missing-job-id.json').body).kind).toBe('ninja-validation');
    expect(classifyBody(readVector<ResponseVector>('responses/errors/401-missing-bearer-v3.json').body).kind).toBe('ninja-detail');
    expect(classifyBody('<html>').kind).toBe('unknown');
  });
});

describe('memoryStatistics', () => {
  it('gives each measured value its mean and the standard error of that mean', () => {
    const stats = memoryStatistics(['1 0', '3 2', '2 1']);
    expect(stats.shots).toBe(3);
    expect(stats.mean).toEqual([2, 1]);
    // Sample variance 1 for both values: standard error √(1/3).
    expect(stats.standardError.map((e) => e.toFixed(6))).toEqual([Math.sqrt(1 / 3), Math.sqrt(1 / 3)].map((e) => e.toFixed(6)));
  });

  it('calls the error of a single shot 0, and a value missing from a shot NaN', () => {
    expect(memoryStatistics(['5']).standardError).toEqual([0]);
    expect(memoryStatistics(['1 2', '3']).mean[1]).toBeNaN();
  });
});

describe('decodeMemory', () => {
  it('decodes one number array per shot in measure order', () => {
    expect(decodeMemory(['1 0 1', '0 0 1'])).toEqual([
      [1, 0, 1],
      [0, 0, 1],
    ]);
    expect(decodeMemory(['50'])).toEqual([[50]]);
  });

  it('decodes an empty memory and an empty shot to nothing measured', () => {
    expect(decodeMemory([])).toEqual([]);
    expect(decodeMemory([''])).toEqual([[]]);
  });
});

describe('experiment', () => {
  it('writes the keys in the reference order, seed last and only when set', () => {
    const exp = experiment({ wire_order: 'interleaved', num_wires: 1, shots: 3, instructions: [['measure', [0], []]] });
    expect(Object.keys(exp)).toEqual(['instructions', 'shots', 'num_wires', 'wire_order']);
    expect(Object.keys(experiment({ ...exp, seed: 7 }))).toEqual(['instructions', 'shots', 'num_wires', 'wire_order', 'seed']);
  });

  it('makes payloads the strict schema accepts, and rejects extra keys', () => {
    const exp = experiment({
      instructions: [
        ['load', [0], [50]],
        ['measure', [0], []],
      ],
      shots: 3,
      num_wires: 1,
      wire_order: 'interleaved',
    });
    expect(JobPayload.safeParse({ experiment_0: exp }).success).toBe(true);
    expect(JobPayload.safeParse({ experiment_0: { ...exp, extra: 1 } }).success).toBe(false);
    expect(JobPayload.safeParse({ exp_0: exp }).success).toBe(false);
    expect(JobPayload.safeParse({}).success).toBe(false);
  });
});
