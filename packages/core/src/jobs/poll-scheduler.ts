import { Observable } from 'rxjs';
import { RateLimitError } from '../errors.js';
import type { JobStatus } from '../protocol/status.js';

/** Options of {@link PollScheduler}; every duration in ms. */
export interface PollSchedulerOptions {
  /** Most status requests in flight at once for this backend. @default 4 */
  readonly maxConcurrentRequests?: number;
  /** First wait between two polls of one job; also the wait after a change. @default 500 @unit milliseconds */
  readonly initialIntervalMs?: number;
  /** Longest wait between two polls of one job while nothing changes. @default 10000 @unit milliseconds */
  readonly maxIntervalMs?: number;
  /** Growth of a job's interval per unchanged poll. @default 1.5 */
  readonly backoffFactor?: number;
  /** Random spread of each wait, as a fraction of it (0.1 → ±10 %). @default 0.1 */
  readonly jitter?: number;
  /** How long the whole backend pauses after a 429 without `Retry-After`. @default 5000 @unit milliseconds */
  readonly rateLimitPauseMs?: number;
}

/** What the scheduler tells about the backend (for events and tests). */
export interface SchedulerNotice {
  readonly kind: 'rate-limited';
  readonly pauseMs: number;
}

interface Entry {
  readonly jobId: string;
  readonly fetch: (signal: AbortSignal) => Promise<JobStatus>;
  readonly emit: (status: JobStatus) => void;
  readonly fail: (error: unknown) => void;
  dueMs: number;
  intervalMs: number;
  last: string | undefined;
  controller: AbortController | undefined;
}

/**
 * One poll loop per backend: all handles of a backend share it. It caps concurrent requests,
 * adapts each job's interval (fast at first and after a change, backing off while nothing changes),
 * never overlaps two polls of one job, and pauses the whole backend on HTTP 429.
 */
export class PollScheduler {
  readonly #options: Required<PollSchedulerOptions>;
  readonly #entries = new Map<symbol, Entry>();
  readonly #listeners = new Set<(notice: SchedulerNotice) => void>();
  #inFlight = 0;
  #pausedUntilMs = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerDueMs = Number.POSITIVE_INFINITY;
  /** Requests started so far (for benchmarks and tests). */
  requestCount = 0;

  constructor(options: PollSchedulerOptions = {}) {
    this.#options = {
      maxConcurrentRequests: options.maxConcurrentRequests ?? 4,
      initialIntervalMs: options.initialIntervalMs ?? 500,
      maxIntervalMs: options.maxIntervalMs ?? 10_000,
      backoffFactor: options.backoffFactor ?? 1.5,
      jitter: options.jitter ?? 0.1,
      rateLimitPauseMs: options.rateLimitPauseMs ?? 5_000,
    };
  }

  /** Jobs currently followed. */
  get size(): number {
    return this.#entries.size;
  }

  /** Listens to backend-wide notices such as rate limiting; returns the unsubscribe function. */
  onNotice(listener: (notice: SchedulerNotice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Polls one job for as long as the returned observable is subscribed: the first poll at once,
   * every answer emitted; unsubscribing aborts an in-flight request.
   */
  poll(jobId: string, fetch: (signal: AbortSignal) => Promise<JobStatus>): Observable<JobStatus> {
    return new Observable<JobStatus>((subscriber) => {
      const key = Symbol(jobId);
      this.#entries.set(key, {
        jobId,
        fetch,
        emit: (s) => subscriber.next(s),
        fail: (e) => subscriber.error(e),
        dueMs: Date.now(),
        intervalMs: this.#options.initialIntervalMs,
        last: undefined,
        controller: undefined,
      });
      this.#pump();
      return () => {
        const entry = this.#entries.get(key);
        this.#entries.delete(key);
        entry?.controller?.abort();
        if (this.#entries.size === 0) this.#clearTimer();
      };
    });
  }

  #jittered(ms: number): number {
    const spread = ms * this.#options.jitter;
    return Math.max(0, ms + (Math.random() * 2 - 1) * spread);
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerDueMs = Number.POSITIVE_INFINITY;
  }

  #schedule(atMs: number): void {
    if (atMs >= this.#timerDueMs) return;
    this.#clearTimer();
    this.#timerDueMs = atMs;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerDueMs = Number.POSITIVE_INFINITY;
      this.#pump();
    }, Math.max(0, atMs - Date.now()));
  }

  #pump(): void {
    const now = Date.now();
    if (now < this.#pausedUntilMs) return this.#schedule(this.#pausedUntilMs);
    // Most overdue first, so a capped backend still serves every job in turn.
    const due = [...this.#entries.entries()].filter(([, e]) => !e.controller && e.dueMs <= now).sort((a, b) => a[1].dueMs - b[1].dueMs);
    for (const [key, entry] of due) {
      if (this.#inFlight >= this.#options.maxConcurrentRequests) break;
      this.#start(key, entry);
    }
    let next = Number.POSITIVE_INFINITY;
    for (const e of this.#entries.values()) if (!e.controller) next = Math.min(next, e.dueMs);
    if (next !== Number.POSITIVE_INFINITY && this.#inFlight < this.#options.maxConcurrentRequests) this.#schedule(Math.max(next, now));
  }

  #start(key: symbol, entry: Entry): void {
    const controller = new AbortController();
    entry.controller = controller;
    this.#inFlight++;
    this.requestCount++;
    entry.fetch(controller.signal).then(
      (status) => {
        if (!this.#entries.has(key)) return;
        const fingerprint = `${status.raw}\u0000${status.detail ?? ''}`;
        const changed = fingerprint !== entry.last;
        entry.last = fingerprint;
        entry.intervalMs = changed ? this.#options.initialIntervalMs : Math.min(this.#options.maxIntervalMs, entry.intervalMs * this.#options.backoffFactor);
        entry.dueMs = Date.now() + this.#jittered(entry.intervalMs);
        entry.emit(status);
      },
      (error: unknown) => {
        if (!this.#entries.has(key)) return;
        if (error instanceof RateLimitError) {
          const pauseMs = error.retryAfterMs ?? this.#options.rateLimitPauseMs;
          this.#pausedUntilMs = Date.now() + pauseMs;
          entry.dueMs = this.#pausedUntilMs;
          for (const listener of this.#listeners) listener({ kind: 'rate-limited', pauseMs });
          return;
        }
        this.#entries.delete(key);
        entry.fail(error);
      },
    ).finally(() => {
      entry.controller = undefined;
      this.#inFlight--;
      if (this.#entries.size > 0) this.#pump();
    });
  }
}
