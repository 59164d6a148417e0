import { NetworkError, RateLimitError, type JobEvent } from '@coldatom/core';
import { describe, expect, it } from 'vitest';
import { NoticeFilter, noticeText } from '../src/presentation/job-notices.js';

const unreachable: JobEvent = {
  type: 'unreachable',
  error: new NetworkError('Network failure (ECONNREFUSED) for GET http://h/x', { notSent: true }),
  retryInMs: 8000,
  sinceMs: 0,
  atMs: 0,
};

describe('job notices', () => {
  it('say that the server is unreachable and when the next try is', () => {
    expect(noticeText('job 1 j1', unreachable)).toBe('job 1 j1: server unreachable (Network failure (ECONNREFUSED) for GET http://h/x), retrying in 8.0 s');
  });

  it('show a rate limit (HTTP 429), whether the whole backend pauses or one request is retried', () => {
    expect(noticeText('job 1 j1', { type: 'backoff', pauseMs: 5000, atMs: 0 })).toBe('rate limited by the server (HTTP 429): every job waits 5.0 s');
    const retry: JobEvent = { type: 'retry', attempt: 1, delayMs: 2000, error: new RateLimitError('HTTP 429', { status: 429, body: null }), atMs: 0 };
    expect(noticeText('job 1 j1', retry)).toBe('rate limited by the server (HTTP 429): retrying in 2.0 s');
  });

  it('say nothing for ordinary state changes', () => {
    expect(noticeText('job 1 j1', { type: 'result', atMs: 0 })).toBeUndefined();
  });

  it('show one line per kind every 5 s however many jobs report it, and the recovery only after a shown outage', () => {
    let now = 0;
    const filter = new NoticeFilter(() => now);
    expect(filter.pass({ type: 'reachable', afterMs: 1, atMs: 0 })).toBe(false);
    expect([filter.pass(unreachable), filter.pass(unreachable), filter.pass(unreachable)]).toEqual([true, false, false]);
    now = 5_000;
    expect(filter.pass(unreachable)).toBe(true);
    expect(filter.pass({ type: 'reachable', afterMs: 5000, atMs: now })).toBe(true);
    expect(filter.pass({ type: 'reachable', afterMs: 5000, atMs: now })).toBe(false);
  });
});
