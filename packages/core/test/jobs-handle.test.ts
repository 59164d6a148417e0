import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  AuthError,
  JobFailedError,
  JobLostError,
  JobUnreachableError,
  NetworkError,
  ProtocolError,
  JobStalledError,
  PollScheduler,
  ServerError,
  TimeoutError,
  createJobHandle,
  type JobEvent,
  type JobStatus,
} from '@coldatom/core';
import { FakeTransport, statusOf } from './support/fake-transport.js';
import { onFakeClock, outcomeOf } from './support/outcome.js';

const fast = (): PollScheduler => new PollScheduler({ initialIntervalMs: 1, maxIntervalMs: 4, jitter: 0, maxRequestsPerSecond: Number.POSITIVE_INFINITY });
const raws = (statuses: readonly JobStatus[]): string[] => statuses.map((s) => s.raw);
const collect = (handle: { status$: import('rxjs').Observable<JobStatus> }): Promise<JobStatus[]> => lastValueFrom(handle.status$.pipe(toArray()));

// Every spec follows a job through a PollScheduler, which reads Date.now() and setTimeout: on the
// real clock, which polls happen before an assertion would depend on how fast the machine is.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('JobHandle.status$', () => {
  it('sends one request per poll however many subscribe, and each subscriber sees every change', async () => {
    const alone = new FakeTransport(['INITIALIZING', 'INITIALIZING', 'DONE']);
    await onFakeClock(collect(createJobHandle(alone, fast(), 'j1')));
    const shared = new FakeTransport(['INITIALIZING', 'INITIALIZING', 'DONE']);
    const handle = createJobHandle(shared, fast(), 'j1');
    const seen = await onFakeClock(Promise.all([1, 2, 3, 4, 5].map(() => collect(handle))));
    expect(seen.map(raws)).toEqual(Array.from({ length: 5 }, () => ['INITIALIZING', 'DONE']));
    expect(shared.statusCalls).toBe(alone.statusCalls);
    expect(shared.statusCalls).toBe(3);
  });

  it('replays the latest status to a late subscriber without asking the server again', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'DONE']);
    const handle = createJobHandle(transport, fast(), 'j1');
    await onFakeClock(collect(handle));
    const late = await onFakeClock(collect(handle));
    expect(raws(late)).toEqual(['DONE']);
    expect(transport.statusCalls).toBe(2);
  });

  it('replays the current status to a subscriber that joins while the job is running', async () => {
    const transport = new FakeTransport(['QUEUED']);
    const handle = createJobHandle(transport, fast(), 'j1');
    const first = handle.status$.subscribe();
    await vi.advanceTimersByTimeAsync(5);
    const joining = firstValueFrom(handle.status$);
    const joined = outcomeOf(joining);
    // No clock time passes: the status it gets is the one already known, not a later poll's.
    await vi.advanceTimersByTimeAsync(0);
    first.unsubscribe();
    expect(joined.settled).toBe(true);
    expect((await joining).raw).toBe('QUEUED');
  });

  it('emits only when the state, the raw string, the detail or the error text changes', async () => {
    const transport = new FakeTransport();
    const details = ['a', 'a', 'a', 'b', 'b'];
    transport.answer = async (jobId, call) =>
      call <= details.length ? { ...statusOf(jobId, 'INITIALIZING'), detail: details[call - 1]! } : statusOf(jobId, 'DONE');
    const seen = await onFakeClock(collect(createJobHandle(transport, fast(), 'j1')));
    expect(seen.map((s) => `${s.raw}/${s.detail ?? ''}`)).toEqual(['INITIALIZING/a', 'INITIALIZING/b', 'DONE/']);
  });

  it('completes right after DONE and asks nothing more', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'DONE']);
    const statuses = collect(createJobHandle(transport, fast(), 'j1'));
    const completion = outcomeOf(statuses);
    await vi.advanceTimersByTimeAsync(10);
    expect(completion.settled).toBe(true);
    expect(raws(await statuses)).toEqual(['INITIALIZING', 'DONE']);
    await vi.advanceTimersByTimeAsync(10);
    expect(transport.statusCalls).toBe(2);
  });

  it('completes (does not error) on ERROR, with the server texts on the last status', async () => {
    const seen = await onFakeClock(collect(createJobHandle(new FakeTransport(['INITIALIZING', 'ERROR']), fast(), 'j1')));
    expect(seen.at(-1)).toMatchObject({ state: 'ERROR', errorMessage: 'None; boom' });
  });

  it('keeps a status string no generation defines in raw, with the state it follows', async () => {
    const seen = await onFakeClock(collect(createJobHandle(new FakeTransport(['INITIALIZING', 'None', 'DONE']), fast(), 'j1')));
    expect(seen.map((s) => [s.raw, s.state])).toEqual([
      ['INITIALIZING', 'INITIALIZING'],
      ['None', 'INITIALIZING'],
      ['DONE', 'DONE'],
    ]);
  });

  it('calls a job whose first answer is an unknown string SUBMITTED', async () => {
    const seen = await onFakeClock(collect(createJobHandle(new FakeTransport(['weird', 'DONE']), fast(), 'j1')));
    expect(seen.map((s) => [s.raw, s.state])).toEqual([
      ['weird', 'SUBMITTED'],
      ['DONE', 'DONE'],
    ]);
  });

  it('keys the state on the id it asked about when the body names another job (crashed spooler)', async () => {
    const transport = new FakeTransport();
    // protocol.md §3.2: a crash reports ERROR carrying the previous job's id and texts.
    transport.answer = async () => ({
      jobId: 'job-previous',
      state: 'ERROR',
      raw: 'ERROR',
      detail: 'previous; Traceback …',
      errorMessage: 'None; Traceback …',
      bodyJobId: 'job-previous',
    });
    const handle = createJobHandle(transport, fast(), 'job-asked');
    const seen = await onFakeClock(collect(handle));
    expect(seen.map((s) => [s.jobId, s.bodyJobId, s.state])).toEqual([['job-asked', 'job-previous', 'ERROR']]);
    const error = await onFakeClock(handle.wait()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).jobId).toBe('job-asked');
  });

  it('starts from the status the submission answered', async () => {
    const handle = createJobHandle(new FakeTransport(['DONE']), fast(), 'j1', { initialStatus: statusOf('j1', 'INITIALIZING') });
    expect(raws(await onFakeClock(collect(handle)))).toEqual(['INITIALIZING', 'DONE']);
  });

  it('errors at once with an error that is about the job, not the network (401)', async () => {
    const transport = new FakeTransport();
    transport.answer = () => Promise.reject(new AuthError('HTTP 401', { status: 401, body: null }));
    await expect(onFakeClock(collect(createJobHandle(transport, fast(), 'j1')))).rejects.toBeInstanceOf(AuthError);
    expect(transport.statusCalls).toBe(1);
  });

  it('aborts nothing when the last subscriber leaves between polls, and makes no new signal per poll', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'QUEUED', 'RUNNING']);
    const handle = createJobHandle(transport, fast(), 'j1');
    const subscription = handle.status$.subscribe();
    await vi.advanceTimersByTimeAsync(20);
    expect(transport.statusCalls).toBeGreaterThanOrEqual(3);
    subscription.unsubscribe();
    expect(new Set(transport.signals).size).toBe(1);
    expect(transport.signals[0]!.aborted).toBe(false);
  });

  it('makes no more signals than it has requests in flight', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'QUEUED', 'DONE']);
    const scheduler = new PollScheduler({
      initialIntervalMs: 1,
      maxIntervalMs: 4,
      jitter: 0,
      maxRequestsPerSecond: Number.POSITIVE_INFINITY,
      maxConcurrentRequests: 3,
    });
    await onFakeClock(Promise.all(Array.from({ length: 20 }, (_, i) => createJobHandle(transport, scheduler, `j${i}`).wait())));
    expect(transport.signals).toHaveLength(60);
    expect(transport.resultSignals).toHaveLength(20);
    expect(new Set([...transport.signals, ...transport.resultSignals]).size).toBeLessThanOrEqual(3);
  });

  it('hands the signal of a finished request on to the next request, and never one that was aborted', async () => {
    const transport = new FakeTransport(['DONE']);
    const scheduler = fast();
    await onFakeClock(createJobHandle(transport, scheduler, 'j1').wait());
    await onFakeClock(createJobHandle(transport, scheduler, 'j2').wait());
    const used = new Set([...transport.signals, ...transport.resultSignals]);
    // Four requests (a poll and a result fetch per job), one after another: one signal serves all.
    expect(transport.signals).toHaveLength(2);
    expect(transport.resultSignals).toHaveLength(2);
    expect(used.size).toBe(1);

    transport.hold = new Promise(() => undefined);
    const left = createJobHandle(transport, scheduler, 'j3').status$.subscribe();
    await vi.advanceTimersByTimeAsync(5);
    const aborted = transport.signals.at(-1);
    left.unsubscribe();
    expect(aborted?.aborted).toBe(true);
    transport.hold = undefined;
    await onFakeClock(createJobHandle(transport, scheduler, 'j4').wait());
    expect([transport.signals.at(-1), transport.resultSignals.at(-1)]).not.toContain(aborted);
    expect(transport.signals.at(-1)?.aborted).toBe(false);
  });

  it('aborts the in-flight request when the last subscriber unsubscribes, not before', async () => {
    const transport = new FakeTransport(['INITIALIZING']);
    let release!: () => void;
    transport.hold = new Promise((r) => (release = r));
    const handle = createJobHandle(transport, fast(), 'j1');
    const a = handle.status$.subscribe();
    const b = handle.status$.subscribe();
    await vi.advanceTimersByTimeAsync(5);
    expect(transport.statusCalls).toBe(1);
    a.unsubscribe();
    expect(transport.signals[0]!.aborted).toBe(false);
    b.unsubscribe();
    expect(transport.signals[0]!.aborted).toBe(true);
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(transport.statusCalls).toBe(1);
  });
});

describe('JobHandle stalls and deadlines', () => {
  it('emits stalled after stallAfterMs and keeps following until deadlineMs, then errors with JobStalledError', async () => {
    const transport = new FakeTransport(['INITIALIZING']);
    const handle = createJobHandle(transport, new PollScheduler({ initialIntervalMs: 100, maxIntervalMs: 100, jitter: 0 }), 'j1', {
      stallAfterMs: 1_000,
      deadlineMs: 5_000,
    });
    const events: JobEvent['type'][] = [];
    handle.events$.subscribe((e) => events.push(e.type));
    let error: unknown;
    handle.status$.subscribe({ error: (e: unknown) => (error = e) });
    await vi.advanceTimersByTimeAsync(999);
    expect(events).not.toContain('stalled');
    await vi.advanceTimersByTimeAsync(2);
    expect(events.filter((e) => e === 'stalled')).toHaveLength(1);
    const pollsAtStall = transport.statusCalls;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(error).toBeUndefined();
    expect(transport.statusCalls).toBeGreaterThan(pollsAtStall);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(error).toBeInstanceOf(JobStalledError);
    expect((error as JobStalledError).lastStatus?.raw).toBe('INITIALIZING');
    expect((error as Error).message).toMatch(/still INITIALIZING after 5000 ms/);
    const calls = transport.statusCalls;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(transport.statusCalls).toBe(calls);
  });

  it('does not stall a job that finishes in time', async () => {
    const handle = createJobHandle(new FakeTransport(['INITIALIZING', 'DONE']), new PollScheduler({ initialIntervalMs: 100, jitter: 0 }), 'j1', {
      stallAfterMs: 1_000,
      deadlineMs: 2_000,
    });
    const events: JobEvent['type'][] = [];
    handle.events$.subscribe((e) => events.push(e.type));
    handle.status$.subscribe();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(events).toEqual(['state', 'state']);
  });
});

describe('JobHandle.result$', () => {
  it('fetches the result once, after DONE, for every subscriber', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'INITIALIZING', 'DONE']);
    const order: string[] = [];
    const status = transport.jobStatus.bind(transport);
    const result = transport.jobResult.bind(transport);
    transport.jobStatus = async (id, o) => {
      const s = await status(id, o);
      order.push(s.raw);
      return s;
    };
    transport.jobResult = async (id) => {
      order.push('result');
      return result(id);
    };
    const handle = createJobHandle(transport, fast(), 'j1');
    const [a, b] = await onFakeClock(Promise.all([firstValueFrom(handle.result$), firstValueFrom(handle.result$)]));
    expect(b).toBe(a);
    expect(order).toEqual(['INITIALIZING', 'INITIALIZING', 'DONE', 'result']);
  });

  it('never takes the status inside a result body for completion', async () => {
    // The fake's result says "INITIALIZING", as sqooler ≥ 0.5 does for finished jobs (protocol.md §4.3).
    const result = await onFakeClock(createJobHandle(new FakeTransport(['DONE']), fast(), 'j1').wait());
    expect(result.status).toBe('INITIALIZING');
  });

  it('asks again while a DONE job still answers the status object', async () => {
    const transport = new FakeTransport(['DONE']);
    let answers = 0;
    const real = transport.jobResult.bind(transport);
    transport.jobResult = async (id) => (answers++ < 2 ? { ready: false as const, status: statusOf(id, 'DONE') } : real(id));
    const result = await onFakeClock(createJobHandle(transport, fast(), 'j1', { resultRetryMs: 1 }).wait());
    expect(result.job_id).toBe('j1');
    expect(answers).toBe(3);
  });

  it('fails with JobFailedError carrying detail and error_message on ERROR, without fetching a result', async () => {
    const transport = new FakeTransport();
    transport.answer = async (id) => ({ ...statusOf(id, 'ERROR', 'None; Failed json sanity check.'), detail: 'Got your json.; Failed json sanity check.' });
    const error = await onFakeClock(createJobHandle(transport, fast(), 'j1').wait()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ jobId: 'j1', detail: 'Got your json.; Failed json sanity check.', errorMessage: 'None; Failed json sanity check.' });
    expect(transport.resultCalls).toBe(0);
  });

  it('fails with JobFailedError when get_job_result answers an ERROR status', async () => {
    const transport = new FakeTransport(['DONE']);
    transport.jobResult = async (id) => ({ ready: false as const, status: statusOf(id, 'ERROR', 'None; gone') });
    await expect(onFakeClock(createJobHandle(transport, fast(), 'j1').wait())).rejects.toMatchObject({ name: 'JobFailedError', errorMessage: 'None; gone' });
  });
});

describe('JobHandle.wait and detach', () => {
  it('wait() rejects with TimeoutError at its timeout, and says the job keeps running', async () => {
    const outcome = outcomeOf(createJobHandle(new FakeTransport(['INITIALIZING']), fast(), 'j1').wait({ timeoutMs: 20 }));
    await vi.advanceTimersByTimeAsync(19);
    expect(outcome.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome.settled).toBe(true);
    const error = await outcome.value;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/no result within 20 ms; it keeps running on the server/);
  });

  it('wait() rejects with AbortError when its signal fires, and stops polling', async () => {
    const transport = new FakeTransport(['INITIALIZING']);
    const controller = new AbortController();
    const waiting = createJobHandle(transport, fast(), 'j1').wait({ signal: controller.signal });
    await vi.advanceTimersByTimeAsync(5);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    const calls = transport.statusCalls;
    await vi.advanceTimersByTimeAsync(10);
    expect(transport.statusCalls).toBe(calls);
  });

  it('detach() stops following for good, rejects waiters with AbortError and emits detached', async () => {
    const transport = new FakeTransport(['INITIALIZING']);
    const handle = createJobHandle(transport, fast(), 'j1');
    const events: JobEvent['type'][] = [];
    handle.events$.subscribe({ next: (e) => events.push(e.type), complete: () => events.push('complete' as JobEvent['type']) });
    const waiting = handle.wait();
    await vi.advanceTimersByTimeAsync(5);
    handle.detach();
    await expect(waiting).rejects.toThrow(/detached\); it keeps running on the server/);
    expect(events.slice(-2)).toEqual(['detached', 'complete']);
    const calls = transport.statusCalls;
    await expect(handle.wait()).rejects.toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(10);
    expect(transport.statusCalls).toBe(calls);
  });

  it('detach() completes a live status$ subscription, not errors it, and sends it no further status, even while a wait() is pending', async () => {
    const transport = new FakeTransport(['INITIALIZING', 'QUEUED', 'RUNNING', 'DONE']);
    const handle = createJobHandle(transport, fast(), 'j1');
    const seen: string[] = [];
    handle.status$.subscribe({ next: (s) => seen.push(s.raw), error: (e: unknown) => seen.push(`error: ${String(e)}`), complete: () => seen.push('complete') });
    const waiting = outcomeOf(handle.wait());
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['INITIALIZING']);
    expect(waiting.settled).toBe(false);
    handle.detach();
    expect(seen).toEqual(['INITIALIZING', 'complete']);
    // The job would move on to QUEUED, RUNNING and DONE if it were still followed.
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toEqual(['INITIALIZING', 'complete']);
    expect(transport.statusCalls).toBe(1);
    expect(await waiting.value).toBeInstanceOf(AbortError);
  });
});

describe('JobHandle.events$', () => {
  it('starts with submitted for a submitted job, even for a late subscriber', async () => {
    const handle = createJobHandle(new FakeTransport(['DONE']), fast(), 'j1', { initialStatus: statusOf('j1', 'INITIALIZING') });
    await onFakeClock(handle.wait());
    const first = await firstValueFrom(handle.events$);
    expect(first).toMatchObject({ type: 'submitted', jobId: 'j1' });
  });

  it('tells state changes and the result fetch, in order', async () => {
    const handle = createJobHandle(new FakeTransport(['INITIALIZING', 'DONE']), fast(), 'j1');
    const events: JobEvent[] = [];
    handle.events$.subscribe((e) => events.push(e));
    await onFakeClock(handle.wait());
    expect(events.map((e) => (e.type === 'state' ? `state:${e.status.raw}` : e.type))).toEqual(['state:INITIALIZING', 'state:DONE', 'result']);
  });

  it('tells the transport retries of this job, and only of this job', async () => {
    const transport = new FakeTransport(['DONE']);
    transport.answer = async (jobId, _call, options) => {
      // What a RemoteBackend does before repeating a request: tells the request's own onRetry.
      if (jobId === 'a')
        options?.onRetry?.({
          attempt: 1,
          delayMs: 250,
          error: new ServerError('HTTP 503', { status: 503, body: null }),
          method: 'GET',
          url: 'http://x/get_job_status',
        });
      return statusOf(jobId, 'DONE');
    };
    const scheduler = fast();
    const a = createJobHandle(transport, scheduler, 'a');
    const b = createJobHandle(transport, scheduler, 'b');
    const seen: Record<string, JobEvent[]> = { a: [], b: [] };
    a.events$.subscribe((e) => seen.a!.push(e));
    b.events$.subscribe((e) => seen.b!.push(e));
    await onFakeClock(Promise.all([collect(a), collect(b)]));
    expect(seen.a!.filter((e) => e.type === 'retry')).toEqual([expect.objectContaining({ type: 'retry', attempt: 1, delayMs: 250 })]);
    expect(seen.b!.filter((e) => e.type === 'retry')).toEqual([]);
  });
});

describe('JobHandle through a lab network outage', () => {
  const outage = (): PollScheduler =>
    new PollScheduler({ initialIntervalMs: 100, maxIntervalMs: 2_000, jitter: 0, maxRequestsPerSecond: Number.POSITIVE_INFINITY, outageToleranceMs: 60_000 });

  it.each([
    ['refused connections', () => new NetworkError('ECONNREFUSED', { notSent: true })],
    ['an HTML 500', () => new ServerError('HTTP 500 <html>', { status: 500, body: null })],
    ['a timeout', () => new TimeoutError('no answer within 30000 ms', { timeoutMs: 30_000 })],
    ['malformed JSON', () => new ProtocolError('not JSON', { body: '{"job_id": ' })],
  ])('keeps polling through %s, telling each retry as an event, and ends DONE once the server answers', async (_name, failure) => {
    const transport = new FakeTransport(['DONE']);
    let failures = 0;
    transport.answer = (jobId, call) => {
      if (call > 5) return Promise.resolve(statusOf(jobId, 'DONE'));
      failures++;
      return Promise.reject(failure());
    };
    const handle = createJobHandle(transport, outage(), 'j1');
    const events: JobEvent[] = [];
    handle.events$.subscribe((e) => events.push(e));
    const statuses = collect(handle);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(raws(await statuses)).toEqual(['DONE']);
    expect(failures).toBe(5);
    const unreachable = events.filter((e) => e.type === 'unreachable');
    expect(unreachable).toHaveLength(5);
    // The waits grow (100, 200, 400, …), capped by the longest poll interval.
    expect(unreachable.map((e) => (e.type === 'unreachable' ? e.retryInMs : 0))).toEqual([200, 400, 800, 1600, 2000]);
    expect(events.some((e) => e.type === 'reachable')).toBe(true);
  });

  it('gives up after the outage tolerance with JobUnreachableError, which says the job stays on the server', async () => {
    const transport = new FakeTransport();
    transport.answer = () => Promise.reject(new NetworkError('ECONNRESET', { notSent: false }));
    const outcome = collect(createJobHandle(transport, outage(), 'j1')).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(transport.statusCalls).toBeGreaterThan(25);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(JobUnreachableError);
    expect((error as JobUnreachableError).unreachableForMs).toBeGreaterThanOrEqual(60_000);
    expect((error as Error).message).toMatch(/stays on the server/);
    expect((error as Error).cause).toBeInstanceOf(NetworkError);
  });
});

describe('JobHandle for a job the server no longer knows', () => {
  it('rejects wait() with JobLostError, not JobFailedError, and records LOST in the journal', async () => {
    const transport = new FakeTransport();
    transport.answer = (jobId) =>
      Promise.resolve({ ...statusOf(jobId, 'ERROR'), detail: 'Could not find the status file.', errorMessage: `Missing status file for ${jobId}.` });
    const updates: string[] = [];
    const journal = {
      update: async (_id: string, patch: { state: string }) => void updates.push(patch.state),
    } as unknown as import('@coldatom/core').JobJournal;
    const error = await onFakeClock(createJobHandle(transport, fast(), 'j1', { journal }).wait()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobLostError);
    expect(error).not.toBeInstanceOf(JobFailedError);
    expect((error as Error).message).toMatch(/unknown to the server.*lost there.*not failed/);
    expect(updates).toContain('LOST');
    expect(updates).not.toContain('ERROR');
  });

  it('still calls an ordinary ERROR a failure', async () => {
    const transport = new FakeTransport(['ERROR']);
    await expect(onFakeClock(createJobHandle(transport, fast(), 'j1').wait())).rejects.toBeInstanceOf(JobFailedError);
  });
});
