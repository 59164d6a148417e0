import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobFailedError, JobStalledError, PollScheduler, RateLimitError, createJobHandle, type JobEvent, type JobStatus } from '@coldatom/core';
import { FakeTransport, statusOf } from '../../../test/support/fake-transport.js';

const fast = (): PollScheduler => new PollScheduler({ initialIntervalMs: 1, maxIntervalMs: 4, jitter: 0 });
const raws = (statuses: JobStatus[]): string[] => statuses.map((s) => s.raw);

describe('JobHandle.status$', () => {
  it('polls once per tick however many subscribe, and completes after DONE', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'INITIALIZING', 'DONE']);
    const handle = createJobHandle(transport, fast(), 'j1');
    const seen = await Promise.all([1, 2, 3].map(() => lastValueFrom(handle.status$.pipe(toArray()))));
    expect(seen.map(raws)).toEqual([['INITIALIZING', 'DONE'], ['INITIALIZING', 'DONE'], ['INITIALIZING', 'DONE']]);
    expect(transport.statusCalls).toBe(3);
  });

  it('replays the latest status to a late subscriber without asking again', async () => {
    const transport = new FakeTransport(['DONE']);
    const handle = createJobHandle(transport, fast(), 'j1');
    await lastValueFrom(handle.status$);
    const late = await lastValueFrom(handle.status$.pipe(toArray()));
    expect(raws(late)).toEqual(['DONE']);
    expect(transport.statusCalls).toBe(1);
  });

  it('emits only on change', async () => {
    const handle = createJobHandle(new FakeTransport(['INITIALIZING', 'INITIALIZING', 'INITIALIZING', 'QUEUED', 'QUEUED', 'DONE']), fast(), 'j1');
    expect(raws(await lastValueFrom(handle.status$.pipe(toArray())))).toEqual(['INITIALIZING', 'QUEUED', 'DONE']);
  });

  it('keeps an unknown status string raw and leaves the state unchanged', async () => {
    const handle = createJobHandle(new FakeTransport(['INITIALIZING', 'None', 'DONE']), fast(), 'j1');
    const seen = await lastValueFrom(handle.status$.pipe(toArray()));
    expect(seen.map((s) => [s.raw, s.state])).toEqual([['INITIALIZING', 'INITIALIZING'], ['None', 'INITIALIZING'], ['DONE', 'DONE']]);
  });

  it('starts from the status the submission answered', async () => {
    const handle = createJobHandle(new FakeTransport(['DONE']), fast(), 'j1', { initialStatus: statusOf('j1', 'INITIALIZING') });
    expect(raws(await lastValueFrom(handle.status$.pipe(toArray())))).toEqual(['INITIALIZING', 'DONE']);
  });

  it('aborts the in-flight request when the last subscriber leaves', async () => {
    const transport = new FakeTransport(['INITIALIZING']);
    let release!: () => void;
    transport.hold = new Promise((r) => (release = r));
    const handle = createJobHandle(transport, fast(), 'j1');
    const a = handle.status$.subscribe();
    const b = handle.status$.subscribe();
    await new Promise((r) => setTimeout(r, 5));
    expect(transport.statusCalls).toBe(1);
    a.unsubscribe();
    expect(transport.signals[0]!.aborted).toBe(false);
    b.unsubscribe();
    expect(transport.signals[0]!.aborted).toBe(true);
    release();
  });

  it('emits a stalled event, then gives up at its deadline with JobStalledError', async () => {
    const handle = createJobHandle(new FakeTransport(['INITIALIZING']), fast(), 'j1', { stallAfterMs: 5, deadlineMs: 40 });
    const events: JobEvent['type'][] = [];
    handle.events$.subscribe((e) => events.push(e.type));
    const error = await lastValueFrom(handle.status$).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobStalledError);
    expect((error as Error).message).toMatch(/still INITIALIZING after 40 ms/);
    expect(events).toContain('stalled');
  });

  it('errors only when the transport gives up', async () => {
    const transport = new FakeTransport();
    transport.jobStatus = () => Promise.reject(new Error('network down after retries'));
    const handle = createJobHandle(transport, fast(), 'j1');
    await expect(lastValueFrom(handle.status$)).rejects.toThrow('network down after retries');
  });
});

describe('JobHandle.result$', () => {
  it('fetches the result once when DONE, for every subscriber', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'DONE']);
    const handle = createJobHandle(transport, fast(), 'j1');
    const [a, b] = await Promise.all([firstValueFrom(handle.result$), firstValueFrom(handle.result$)]);
    expect(a.results[0]!.data.memory).toEqual(['1']);
    expect(b).toBe(a);
    expect(transport.resultCalls).toBe(1);
  });

  it('asks again when a DONE job still answers the status object', async () => {
    const transport = new FakeTransport(['DONE']);
    let answers = 0;
    const real = transport.jobResult.bind(transport);
    transport.jobResult = async (id) => (answers++ === 0 ? { ready: false as const, status: statusOf(id, 'DONE') } : real(id));
    const result = await createJobHandle(transport, fast(), 'j1', { resultRetryMs: 1 }).wait();
    expect(result.job_id).toBe('j1');
    expect(answers).toBe(2);
  });

  it('fails with JobFailedError carrying the server texts on ERROR', async () => {
    const handle = createJobHandle(new FakeTransport(['INITIALIZING', 'ERROR']), fast(), 'j1');
    const error = await handle.wait().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).errorMessage).toBe('None; boom');
  });

  it('wait() rejects at its timeout and the job stays on the server', async () => {
    const handle = createJobHandle(new FakeTransport(['INITIALIZING']), fast(), 'j1');
    await expect(handle.wait({ timeoutMs: 20 })).rejects.toThrow(/no result within 20 ms; it keeps running on the server/);
  });

  it('detach() stops following and says the job keeps running', async () => {
    const transport = new FakeTransport(['INITIALIZING']);
    const handle = createJobHandle(transport, fast(), 'j1');
    const waiting = handle.wait();
    await new Promise((r) => setTimeout(r, 5));
    handle.detach();
    await expect(waiting).rejects.toThrow(/detached before it finished; it keeps running on the server/);
    const calls = transport.statusCalls;
    await new Promise((r) => setTimeout(r, 10));
    expect(transport.statusCalls).toBe(calls);
  });
});

describe('PollScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never has more requests in flight than its cap', async () => {
    const scheduler = new PollScheduler({ initialIntervalMs: 1, maxIntervalMs: 2, jitter: 0, maxConcurrentRequests: 2 });
    let inFlight = 0;
    let peak = 0;
    const fetch = async (): Promise<JobStatus> => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return statusOf('x', 'INITIALIZING');
    };
    const subs = Array.from({ length: 10 }, (_, i) => scheduler.poll(`j${i}`, fetch).subscribe());
    await new Promise((r) => setTimeout(r, 40));
    subs.forEach((s) => s.unsubscribe());
    expect(peak).toBe(2);
    expect(scheduler.requestCount).toBeGreaterThan(10);
  });

  it('backs a job off while nothing changes and returns to fast polling on a change', async () => {
    vi.useFakeTimers();
    const scheduler = new PollScheduler({ initialIntervalMs: 1, maxIntervalMs: 1000, backoffFactor: 4, jitter: 0 });
    const times: number[] = [];
    let n = 0;
    const sub = scheduler.poll('j', async () => {
      times.push(Date.now());
      return statusOf('j', n++ < 4 ? 'INITIALIZING' : 'QUEUED');
    }).subscribe();
    await vi.advanceTimersByTimeAsync(100);
    sub.unsubscribe();
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 4 → 16 → 64 ms while unchanged (the first answer counts as a change), then 1 ms after the change.
    expect(gaps.slice(0, 5)).toEqual([1, 4, 16, 64, 1]);
  });

  it('pauses the whole backend on a rate limit', async () => {
    vi.useFakeTimers();
    const scheduler = new PollScheduler({ initialIntervalMs: 1, maxIntervalMs: 2, jitter: 0 });
    const notices: number[] = [];
    scheduler.onNotice((n) => notices.push(n.pauseMs));
    let limited = false;
    const polls: string[] = [];
    const fetchFor = (id: string) => async (): Promise<JobStatus> => {
      polls.push(id);
      if (id === 'a' && !limited) {
        limited = true;
        throw new RateLimitError('slow down', { status: 429, body: null, retryAfterMs: 60 });
      }
      return statusOf(id, 'INITIALIZING');
    };
    const subs = [scheduler.poll('a', fetchFor('a')).subscribe(), scheduler.poll('b', fetchFor('b')).subscribe()];
    await vi.advanceTimersByTimeAsync(5);
    const during = polls.length;
    await vi.advanceTimersByTimeAsync(50);
    expect(polls.length).toBe(during);
    await vi.advanceTimersByTimeAsync(20);
    subs.forEach((s) => s.unsubscribe());
    expect(notices).toEqual([60]);
    expect(polls.length).toBeGreaterThan(during);
  });
});
