import { describe, expect, it } from 'vitest';
import { RemoteBackend, withJobs, type JobEvent } from '@coldatom/core';
import { useRealNetwork } from '../../../test/support/real-network.js';
import { startQluedStub } from './support/qlued-stub.js';

useRealNetwork();

const TOKEN = 'http-4d8e2a6c9b1f4e7a';

describe('JobHandle over HTTP', () => {
  it('shows the transport retries of its requests as retry events, and a 429 as a backend-wide backoff', async () => {
    const stub = await startQluedStub({ token: TOKEN, pollsToDone: 2, statusFaults: [503, 429], retryAfterSeconds: 0.05 });
    try {
      // No routing needed: the job layer hands each request its own onRetry.
      const transport = new RemoteBackend(stub.url, { token: TOKEN, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
      const backend = withJobs(transport, { polling: { initialIntervalMs: 1, maxIntervalMs: 5, jitter: 0 } });
      const handle = await backend.submitJob({ experiment_0: { instructions: [['measure', [0], []]], shots: 2, num_wires: 1, wire_order: 'interleaved' } });
      const events: JobEvent[] = [];
      handle.events$.subscribe((e) => events.push(e));
      const result = await handle.wait({ timeoutMs: 10_000 });
      expect(result.results[0]!.data.memory).toEqual(['0', '0']);
      const retries = events.flatMap((e) => (e.type === 'retry' ? [[e.attempt, e.error.name]] : []));
      expect(retries).toEqual([
        [1, 'ServerError'],
        [2, 'RateLimitError'],
      ]);
      expect(events.filter((e) => e.type === 'backoff').map((e) => (e as { pauseMs: number }).pauseMs)).toEqual([50]);
      expect(events.map((e) => e.type)).toContain('result');
    } finally {
      await stub.close();
    }
  });
});
