import type { Subscription } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PollScheduler, RateLimitError, type JobStatus, type SchedulerNotice } from '@coldatom/core';
import { statusOf } from './support/fake-transport.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A fetch for `jobId` that logs each start time and answers after `latencyMs` (fake time). */
function logged(jobId: string, starts: { jobId: string; atMs: number }[], latencyMs = 0, raw: () => string = () => 'INITIALIZING') {
  return async (): Promise<JobStatus> => {
    starts.push({ jobId, atMs: Date.now() });
    if (latencyMs > 0) await sleep(latencyMs);
    return statusOf(jobId, raw());
  };
}

describe('PollScheduler', () => {
  let subscriptions: Subscription[];
  beforeEach(() => {
    vi.useFakeTimers();
    subscriptions = [];
  });
  afterEach(() => {
    for (const subscription of subscriptions) subscription.unsubscribe();
    vi.useRealTimers();
  });

  it('never has more requests in flight than maxConcurrentRequests, and serves every job in turn', async () => {
    const scheduler = new PollScheduler({
      maxConcurrentRequests: 2,
      maxRequestsPerSecond: Number.POSITIVE_INFINITY,
      initialIntervalMs: 10,
      maxIntervalMs: 10,
      jitter: 0,
    });
    let inFlight = 0;
    let peak = 0;
    const polled = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const jobId = `j${i}`;
      subscriptions.push(
        scheduler
          .poll(jobId, async () => {
            peak = Math.max(peak, ++inFlight);
            polled.add(jobId);
            await sleep(7);
            inFlight--;
            return statusOf(jobId, 'INITIALIZING');
          })
          .subscribe(),
      );
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(peak).toBe(2);
    expect(polled.size).toBe(10);
  });

  it('starts at most maxRequestsPerSecond requests per second, evenly spaced', async () => {
    const scheduler = new PollScheduler({ maxRequestsPerSecond: 10, maxConcurrentRequests: 8, initialIntervalMs: 1, maxIntervalMs: 1, jitter: 0 });
    const starts: { jobId: string; atMs: number }[] = [];
    for (let i = 0; i < 5; i++) subscriptions.push(scheduler.poll(`j${i}`, logged(`j${i}`, starts)).subscribe());
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(1_000);
    const inFirstSecond = starts.filter((s) => s.atMs < t0 + 1_000);
    expect(inFirstSecond).toHaveLength(10);
    const gaps = inFirstSecond.slice(1).map((s, i) => s.atMs - inFirstSecond[i]!.atMs);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
  });

  it('above 20 requests/s, starts them in groups (a wake per 50 ms), none before 50 ms ahead of its even slot, never more than the cap in any 1 s window', async () => {
    const perSecond = 300;
    const scheduler = new PollScheduler({ maxRequestsPerSecond: perSecond, maxConcurrentRequests: 16, initialIntervalMs: 50, maxIntervalMs: 50, jitter: 0 });
    const starts: { jobId: string; atMs: number }[] = [];
    for (let i = 0; i < 400; i++) subscriptions.push(scheduler.poll(`j${i}`, logged(`j${i}`, starts, 1)).subscribe());
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(3_000);
    const times = starts.map((s) => s.atMs);
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1_000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBe(perSecond);
    // Every request starts within 50 ms before its slot of the even 300/s grid, and the starts share wakes.
    const mostAheadMs = Math.max(...times.map((atMs, k) => t0 + (k * 1_000) / perSecond - atMs));
    expect(mostAheadMs).toBeLessThanOrEqual(50);
    // Without groups every start has a wake, and a time, of its own.
    const startTimes = new Set(times).size;
    expect(startTimes).toBeLessThanOrEqual(times.length / 3);
    expect(times.length).toBeGreaterThanOrEqual(3 * perSecond - 10);
  });

  it('backs a job off by backoffFactor while nothing changes, up to maxIntervalMs, and resets on a change', async () => {
    const scheduler = new PollScheduler({
      initialIntervalMs: 10,
      maxIntervalMs: 100,
      backoffFactor: 2,
      jitter: 0,
      maxRequestsPerSecond: Number.POSITIVE_INFINITY,
    });
    const starts: { jobId: string; atMs: number }[] = [];
    let n = 0;
    subscriptions.push(
      scheduler
        .poll(
          'j',
          logged('j', starts, 0, () => (n++ < 6 ? 'INITIALIZING' : 'QUEUED')),
        )
        .subscribe(),
    );
    await vi.advanceTimersByTimeAsync(500);
    const gaps = starts.slice(1).map((s, i) => s.atMs - starts[i]!.atMs);
    // The first answer counts as a change; then 20, 40, 80, capped at 100; the 7th answer changes.
    expect(gaps.slice(0, 7)).toEqual([10, 20, 40, 80, 100, 100, 10]);
  });

  it('spreads each wait by ±jitter', async () => {
    const gapsWith = async (random: number): Promise<number> => {
      const scheduler = new PollScheduler({
        initialIntervalMs: 100,
        maxIntervalMs: 100,
        jitter: 0.2,
        random: () => random,
        maxRequestsPerSecond: Number.POSITIVE_INFINITY,
      });
      const starts: { jobId: string; atMs: number }[] = [];
      const sub = scheduler.poll('j', logged('j', starts)).subscribe();
      await vi.advanceTimersByTimeAsync(250);
      sub.unsubscribe();
      return starts[1]!.atMs - starts[0]!.atMs;
    };
    expect(await gapsWith(0)).toBe(80);
    expect(await gapsWith(0.5)).toBe(100);
    expect(await gapsWith(0.999)).toBe(120);
  });

  it('never overlaps two polls of one job, however slow the answer and however many follow it', async () => {
    const scheduler = new PollScheduler({
      initialIntervalMs: 1,
      maxIntervalMs: 1,
      jitter: 0,
      maxConcurrentRequests: 4,
      maxRequestsPerSecond: Number.POSITIVE_INFINITY,
    });
    let inFlight = 0;
    let peak = 0;
    const fetch = async (): Promise<JobStatus> => {
      peak = Math.max(peak, ++inFlight);
      await sleep(50);
      inFlight--;
      return statusOf('j', 'INITIALIZING');
    };
    subscriptions.push(scheduler.poll('j', fetch).subscribe(), scheduler.poll('j', fetch).subscribe(), scheduler.poll('j', fetch).subscribe());
    await vi.advanceTimersByTimeAsync(500);
    expect(peak).toBe(1);
    expect(scheduler.size).toBe(1);
    expect(scheduler.requestCount).toBeGreaterThanOrEqual(9);
  });

  it('gives a handle that joins a polled job the latest answer at once', async () => {
    const scheduler = new PollScheduler({ initialIntervalMs: 1_000, jitter: 0 });
    const starts: { jobId: string; atMs: number }[] = [];
    subscriptions.push(
      scheduler
        .poll(
          'j',
          logged('j', starts, 0, () => 'QUEUED'),
        )
        .subscribe(),
    );
    await vi.advanceTimersByTimeAsync(10);
    const seen: string[] = [];
    subscriptions.push(scheduler.poll('j', logged('j', starts)).subscribe((s) => seen.push(s.raw)));
    expect(seen).toEqual(['QUEUED']);
    expect(starts).toHaveLength(1);
  });

  it('pauses every job of the backend for Retry-After when a poll is rate-limited, and says so', async () => {
    const scheduler = new PollScheduler({ initialIntervalMs: 10, maxIntervalMs: 10, jitter: 0, maxRequestsPerSecond: Number.POSITIVE_INFINITY });
    const notices: SchedulerNotice[] = [];
    subscriptions.push(scheduler.notices$.subscribe((n) => notices.push(n)));
    const starts: { jobId: string; atMs: number }[] = [];
    let limited = false;
    subscriptions.push(
      scheduler
        .poll('a', async () => {
          starts.push({ jobId: 'a', atMs: Date.now() });
          if (!limited) {
            limited = true;
            throw new RateLimitError('HTTP 429', { status: 429, body: null, retryAfterMs: 1_000 });
          }
          return statusOf('a', 'INITIALIZING');
        })
        .subscribe(),
    );
    subscriptions.push(scheduler.poll('b', logged('b', starts)).subscribe());
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(notices).toEqual([{ kind: 'rate-limited', pauseMs: 1_000 }]);
    const during = starts.filter((s) => s.atMs > t0 && s.atMs < t0 + 1_000);
    expect(during).toEqual([]);
    expect(starts.filter((s) => s.atMs >= t0 + 1_000).map((s) => s.jobId)).toEqual(expect.arrayContaining(['a', 'b']));
  });

  it('pauses the whole backend as soon as the transport retries a 429, before it gives up', async () => {
    const scheduler = new PollScheduler({ initialIntervalMs: 10, maxIntervalMs: 10, jitter: 0, maxRequestsPerSecond: Number.POSITIVE_INFINITY });
    const notices: SchedulerNotice['kind'][] = [];
    subscriptions.push(scheduler.notices$.subscribe((n) => notices.push(n.kind)));
    const starts: { jobId: string; atMs: number }[] = [];
    subscriptions.push(
      scheduler
        .poll('a', async (_signal, onRetry) => {
          starts.push({ jobId: 'a', atMs: Date.now() });
          if (starts.length > 1) return statusOf('a', 'INITIALIZING');
          // The transport (a RemoteBackend) tells the request's onRetry, waits 2 s itself, then succeeds.
          onRetry({
            attempt: 1,
            delayMs: 2_000,
            error: new RateLimitError('HTTP 429', { status: 429, body: null, retryAfterMs: 2_000 }),
            method: 'GET',
            url: 'http://x',
          });
          await sleep(2_000);
          return statusOf('a', 'INITIALIZING');
        })
        .subscribe(),
    );
    await vi.advanceTimersByTimeAsync(1);
    const t0 = Date.now();
    subscriptions.push(scheduler.poll('b', logged('b', starts)).subscribe());
    await vi.advanceTimersByTimeAsync(1_900);
    expect(starts.filter((s) => s.jobId === 'b')).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(starts.filter((s) => s.jobId === 'b' && s.atMs >= t0)).not.toEqual([]);
    expect(notices).toEqual(['retry', 'rate-limited']);
  });

  it('runs one-shot requests ahead of due polls, within the same cap', async () => {
    const scheduler = new PollScheduler({
      maxConcurrentRequests: 1,
      initialIntervalMs: 1,
      maxIntervalMs: 1,
      jitter: 0,
      maxRequestsPerSecond: Number.POSITIVE_INFINITY,
    });
    const order: string[] = [];
    for (const id of ['a', 'b', 'c']) {
      subscriptions.push(
        scheduler
          .poll(id, async () => {
            order.push(`poll ${id}`);
            await sleep(5);
            return statusOf(id, 'INITIALIZING');
          })
          .subscribe(),
      );
    }
    subscriptions.push(
      scheduler
        .request('r', async () => {
          order.push('result r');
          return 1;
        })
        .subscribe(),
    );
    await vi.advanceTimersByTimeAsync(12);
    expect(order.slice(0, 2)).toEqual(['poll a', 'result r']);
  });

  it('leaves no timer behind once nothing is polled', async () => {
    const scheduler = new PollScheduler({ initialIntervalMs: 100 });
    const sub = scheduler.poll('j', async () => statusOf('j', 'INITIALIZING')).subscribe();
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1);
    sub.unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
    expect(scheduler.size).toBe(0);
  });
});
