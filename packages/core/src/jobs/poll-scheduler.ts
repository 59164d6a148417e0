import FlatQueue from 'flatqueue';
import { rxjs, type Observable, type Subject } from '../internal/rx.js';
import { AbortError, BackendHttpError, JobUnreachableError, NetworkError, ProtocolError, RateLimitError, TimeoutError, type ColdAtomError } from '../errors.js';
import type { JobStatus } from '../protocol/status.js';
import type { RetryEvent } from '../transport/send.js';

/** Options of {@link PollScheduler}; every duration in milliseconds. */
export interface PollSchedulerOptions {
  /** Most requests of this backend in flight at once (status polls and result fetches together). @default 4 */
  readonly maxConcurrentRequests?: number;
  /**
   * Most requests this backend's scheduler starts per second, spread evenly, and never more in any
   * 1 s window. Above 20/s they start in small groups, a wake per 50 ms, rather than a wake of
   * the event loop per request, which costs about as much CPU as the request. @default 20
   */
  readonly maxRequestsPerSecond?: number;
  /** First wait between two polls of one job, and the wait after any change. @default 500 @unit milliseconds */
  readonly initialIntervalMs?: number;
  /** Longest wait between two polls of one job while nothing changes. @default 10000 @unit milliseconds */
  readonly maxIntervalMs?: number;
  /** Growth of a job's wait per unchanged answer. @default 1.5 */
  readonly backoffFactor?: number;
  /** Random spread of each wait, as a fraction of it (0.1 → ±10 %), so jobs submitted together do not poll in lockstep. @default 0.1 */
  readonly jitter?: number;
  /** How long the whole backend pauses after an HTTP 429 without `Retry-After`. @default 5000 @unit milliseconds */
  readonly rateLimitPauseMs?: number;
  /**
   * How long one job's requests may keep failing with transient errors (refused or reset
   * connections, timeouts, 5xx, HTML or malformed bodies) before its handle gives up with
   * `JobUnreachableError`. Until then the job is polled again with backoff, and each failure is a
   * `unreachable` notice. A lab network drops out for minutes, so this is minutes, not seconds.
   * @default 600000 @unit milliseconds
   */
  readonly outageToleranceMs?: number;
  /** Source of randomness for the jitter, in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/**
 * Errors that say nothing about the job, only that the answer did not come through this time: the
 * transport has already retried them briefly; the scheduler keeps trying for the outage tolerance.
 */
function isTransientError(error: unknown): error is ColdAtomError {
  return (
    error instanceof NetworkError ||
    error instanceof TimeoutError ||
    error instanceof ProtocolError ||
    (error instanceof BackendHttpError && error.status >= 500)
  );
}

/** What the scheduler reports about a backend and its jobs. */
export type SchedulerNotice =
  /** The backend answered HTTP 429: every job of the backend waits `pauseMs`. */
  | { readonly kind: 'rate-limited'; readonly pauseMs: number }
  /** The transport is retrying a request of `jobId` after `delayMs`. */
  | { readonly kind: 'retry'; readonly jobId: string; readonly attempt: number; readonly delayMs: number; readonly error: ColdAtomError }
  /** A request of `jobId` failed transiently; it is asked again in `retryInMs` (unreachable since `sinceMs`, epoch ms). */
  | { readonly kind: 'unreachable'; readonly jobId: string; readonly error: ColdAtomError; readonly retryInMs: number; readonly sinceMs: number }
  /** A request of `jobId` got an answer again after transient failures. */
  | { readonly kind: 'reachable'; readonly jobId: string; readonly afterMs: number };

/** Who follows a job: how to ask about it, its answers, its end, and (optionally) the notices about it and the backend. */
export interface StatusFollower {
  next(status: JobStatus): void;
  error(error: unknown): void;
  notice?(notice: SchedulerNotice): void;
  /** Asks the server once; the scheduler asks through the job's first follower. */
  fetchStatus(signal: AbortSignal, onRetry: (event: RetryEvent) => void): Promise<JobStatus>;
  /** Set when the transport pushes the job's statuses (an in-process transport's `watchJob`); returns the stop function. */
  readonly watch?: ((onStatus: (status: JobStatus) => void) => () => void) | undefined;
}

type Fetch<T> = (signal: AbortSignal, onRetry: (event: RetryEvent) => void) => Promise<T>;

/** One job being polled, however many handles follow it. */
interface Poller {
  readonly jobId: string;
  /** Never empty while the poller is in the map. */
  readonly listeners: StatusFollower[];
  dueMs: number;
  /** The `dueMs` it was queued with; a queue entry with another time is stale. NaN while not queued. */
  queuedAtMs: number;
  intervalMs: number;
  latest: JobStatus | undefined;
  /** Set while a request of this job is in flight (taken from the scheduler's spares): aborted when the last follower leaves before the answer. */
  controller: AbortController | undefined;
  /** Hears the transport's retries of this job's polls. */
  onRetry: ((event: RetryEvent) => void) | undefined;
  /** When the current run of transient failures began (epoch ms); undefined while answers come. */
  failingSinceMs: number | undefined;
  /** Set when the transport pushes this job's statuses (`watchJob`): polls are then only a slow safety net. */
  unwatch: (() => void) | undefined;
}

/** What a single request's caller is told. */
export interface RequestListener<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
  notice?(notice: SchedulerNotice): void;
}

/** A single request (a result fetch) waiting for a slot. */
interface OneShot {
  readonly jobId: string;
  readonly run: Fetch<unknown>;
  readonly listener: RequestListener<unknown>;
  controller: AbortController | undefined;
  failingSinceMs: number | undefined;
  /** Not started before this time (epoch ms): a retry after a transient failure waits its backoff. */
  notBeforeMs: number;
  /** The last backoff wait. @unit milliseconds */
  backoffMs: number;
}

/**
 * The finest grain of the rate cap's spacing. A wake of the event loop costs about as much CPU as a
 * request itself (55–110 µs on a 2-core VM): at 300 requests/s one wake per request more than
 * doubles the client's CPU. So when the even spacing is finer than this, each wake starts every
 * request whose slot falls within this much of now; the caps per second and per 1 s window are
 * unchanged, and no request starts more than this much before its even slot.
 */
export const START_GROUP_MS = 50;

/** Most never-aborted controllers a scheduler keeps for its next requests. */
const SPARE_CONTROLLERS = 64;

/** Whether two answers say something different (an absent text and an empty one say the same). */
const differs = (a: JobStatus | undefined, b: JobStatus): boolean =>
  a === undefined || a.raw !== b.raw || (a.detail ?? '') !== (b.detail ?? '') || (a.errorMessage ?? '') !== (b.errorMessage ?? '');

/**
 * The poll loop of one backend, shared by all its job handles. It caps requests in flight and
 * requests per second, adapts each job's interval (fast at first and after a change, backing off
 * towards `maxIntervalMs` while nothing changes), polls each job id at most once at a time however
 * many handles follow it, and pauses the whole backend when the server answers HTTP 429.
 *
 * Timing uses `Date.now` and `setTimeout` read at call time, so tests can drive it with fake timers.
 */
export class PollScheduler {
  readonly #options: Required<PollSchedulerOptions>;
  readonly #pollers = new Map<string, Poller>();
  readonly #waiting: OneShot[] = [];
  /** Result fetches in flight (they hear their job's notices). */
  readonly #running = new Set<OneShot>();
  /** Idle pollers by due time: picking the next poll is O(log n) however many jobs are followed. */
  readonly #due = new FlatQueue<Poller>();
  /** Made when first asked for: a scheduler nobody listens to keeps no subject. */
  #notices: Subject<SchedulerNotice> | undefined;
  #inFlight = 0;
  #nextStartMs = Number.NEGATIVE_INFINITY;
  // Start times of the last `maxRequestsPerSecond` requests, oldest first: no 1 s window may hold more.
  readonly #recentStartsMs: number[] = [];
  #pausedUntilMs = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerDueMs = Number.POSITIVE_INFINITY;
  /**
   * Controllers of finished requests whose signals were never aborted, for the next requests: an
   * AbortController cost ~5 µs to make on Node 20 and a transport's first listener on its signal
   * as much again, where a request's own work is a few tens of µs. A signal that was never aborted
   * is as good as new: what a transport hung on it went with its request (see
   * `RequestOptions.signal`). So a scheduler makes about as many as it has requests in flight.
   */
  readonly #spareControllers: AbortController[] = [];
  #requestCount = 0;

  constructor(options: PollSchedulerOptions = {}) {
    this.#options = {
      maxConcurrentRequests: options.maxConcurrentRequests ?? 4,
      maxRequestsPerSecond: options.maxRequestsPerSecond ?? 20,
      initialIntervalMs: options.initialIntervalMs ?? 500,
      maxIntervalMs: options.maxIntervalMs ?? 10_000,
      backoffFactor: options.backoffFactor ?? 1.5,
      jitter: options.jitter ?? 0.1,
      rateLimitPauseMs: options.rateLimitPauseMs ?? 5_000,
      outageToleranceMs: options.outageToleranceMs ?? 600_000,
      random: options.random ?? Math.random,
    };
  }

  /** Rate limits and transport retries, as they happen (hot: nothing is replayed). */
  get notices$(): Observable<SchedulerNotice> {
    this.#notices ??= new (rxjs().Subject)<SchedulerNotice>();
    return this.#notices.asObservable();
  }

  /** Job ids currently polled. */
  get size(): number {
    return this.#pollers.size;
  }

  /** Requests in flight now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Requests started so far. */
  get requestCount(): number {
    return this.#requestCount;
  }

  /**
   * Polls `jobId` while the observable is subscribed: the first poll as soon as a slot is free, every
   * answer emitted. A second subscriber for the same id shares the loop and gets the latest answer at
   * once. When the last one unsubscribes, polling stops and an in-flight request is aborted. Errors
   * when `fetch` fails with anything but a rate limit (the transport has given up by then).
   *
   * With `watch` (an in-process transport's `watchJob`), every status it pushes is emitted as it
   * comes, without a request, and polls happen only every `maxIntervalMs` as a safety net.
   */
  poll(jobId: string, fetch: Fetch<JobStatus>, watch?: (onStatus: (status: JobStatus) => void) => () => void): Observable<JobStatus> {
    return new (rxjs().Observable)<JobStatus>((subscriber) => {
      const follower: StatusFollower = { next: (s) => subscriber.next(s), error: (e) => subscriber.error(e), fetchStatus: fetch, watch };
      this.follow(jobId, follower);
      return () => this.unfollow(jobId, follower);
    });
  }

  /**
   * {@link poll} without an observable, for the job handles: the follower is all that is kept per
   * job (no closures). It also hears the notices about this job and the backend-wide ones.
   */
  follow(jobId: string, follower: StatusFollower): void {
    let poller = this.#pollers.get(jobId);
    if (poller?.latest) follower.next(poller.latest);
    const fresh = !poller;
    if (!poller) {
      const intervalMs = follower.watch ? this.#options.maxIntervalMs : this.#options.initialIntervalMs;
      poller = {
        jobId,
        listeners: [],
        dueMs: Date.now() + (follower.watch ? intervalMs : 0),
        queuedAtMs: Number.NaN,
        intervalMs,
        latest: undefined,
        controller: undefined,
        onRetry: undefined,
        failingSinceMs: undefined,
        unwatch: undefined,
      };
      this.#pollers.set(jobId, poller);
      this.#enqueue(poller);
    }
    const own = poller;
    own.listeners.push(follower);
    if (fresh && follower.watch) {
      let stop: (() => void) | undefined;
      // The first status may come synchronously, before `watch` has answered its stop function.
      own.unwatch = () => stop?.();
      stop = follower.watch((status) => {
        if (this.#pollers.get(jobId) === own) this.#answered(own, status);
      });
    }
    this.#pump();
  }

  /** Stops `follower` following `jobId`; the last one's leaving stops the polling and aborts a request in flight. */
  unfollow(jobId: string, follower: StatusFollower): void {
    const poller = this.#pollers.get(jobId);
    const index = poller ? poller.listeners.indexOf(follower) : -1;
    if (!poller || index < 0) return;
    poller.listeners.splice(index, 1);
    if (poller.listeners.length > 0) return;
    this.#pollers.delete(jobId);
    poller.controller?.abort();
    poller.unwatch?.();
    this.#idleCheck();
  }

  /** Queues an idle poller at its due time (entries whose time no longer matches are skipped when they come up). */
  #enqueue(poller: Poller): void {
    poller.queuedAtMs = poller.dueMs;
    this.#due.push(poller, poller.dueMs);
  }

  /** A status for a poller, polled or pushed: remembered, emitted, and the next poll scheduled. */
  #answered(poller: Poller, status: JobStatus): void {
    const changed = differs(poller.latest, status);
    poller.latest = status;
    if (poller.unwatch) poller.intervalMs = this.#options.maxIntervalMs;
    else poller.intervalMs = changed ? this.#options.initialIntervalMs : Math.min(this.#options.maxIntervalMs, poller.intervalMs * this.#options.backoffFactor);
    poller.dueMs = Date.now() + this.#jittered(poller.intervalMs);
    if (!poller.controller) this.#enqueue(poller);
    for (const listener of [...poller.listeners]) listener.next(status);
  }

  /**
   * One request for `jobId` (a result fetch) through the same caps, ahead of due polls. Unsubscribing
   * before it settles aborts it; a rate-limited attempt pauses the backend and is queued again.
   */
  request<T>(jobId: string, run: Fetch<T>): Observable<T> {
    return new (rxjs().Observable)<T>((subscriber) =>
      this.requestOnce(jobId, run, {
        resolve: (value) => {
          subscriber.next(value);
          subscriber.complete();
        },
        reject: (error) => subscriber.error(error),
      }),
    );
  }

  /** {@link request} without an observable: returns the cancel function (which aborts the request if it is in flight). */
  requestOnce<T>(jobId: string, run: Fetch<T>, listener: RequestListener<T>): () => void {
    const shot: OneShot = {
      jobId,
      run,
      listener: listener as RequestListener<unknown>,
      controller: undefined,
      failingSinceMs: undefined,
      notBeforeMs: 0,
      backoffMs: 0,
    };
    this.#waiting.push(shot);
    this.#pump();
    return () => {
      const index = this.#waiting.indexOf(shot);
      if (index >= 0) this.#waiting.splice(index, 1);
      shot.controller?.abort();
      this.#idleCheck();
    };
  }

  /** Tells the public stream and the listeners concerned: the job's own, or all for a backend-wide notice. */
  #notify(notice: SchedulerNotice): void {
    this.#notices?.next(notice);
    if (notice.kind === 'rate-limited') {
      for (const poller of this.#pollers.values()) for (const listener of [...poller.listeners]) listener.notice?.(notice);
      for (const shot of [...this.#waiting, ...this.#running]) shot.listener.notice?.(notice);
      return;
    }
    for (const listener of [...(this.#pollers.get(notice.jobId)?.listeners ?? [])]) listener.notice?.(notice);
    for (const shot of [...this.#waiting, ...this.#running]) if (shot.jobId === notice.jobId) shot.listener.notice?.(notice);
  }

  /** Pauses every request of this backend for `pauseMs` (called on HTTP 429). */
  #rateLimited(pauseMs: number): void {
    this.#pausedUntilMs = Math.max(this.#pausedUntilMs, Date.now() + pauseMs);
    this.#notify({ kind: 'rate-limited', pauseMs });
  }

  /** The retry listener of one request: a `retry` notice, and a backend-wide pause for a 429. */
  #retryListener(jobId: string): (event: RetryEvent) => void {
    return (event) => {
      this.#notify({ kind: 'retry', jobId, attempt: event.attempt, delayMs: event.delayMs, error: event.error });
      if (event.error instanceof RateLimitError) this.#rateLimited(event.delayMs);
    };
  }

  /**
   * After a transient failure of a request of `jobId` that has been failing since `sinceMs`: the
   * wait before asking again (doubling from the initial interval up to the longest one), or
   * undefined once the outage tolerance is spent.
   */
  #outageRetryInMs(jobId: string, error: ColdAtomError, sinceMs: number, attemptMs: number): number | undefined {
    const now = Date.now();
    if (now - sinceMs >= this.#options.outageToleranceMs) return undefined;
    const grown = Math.max(this.#options.initialIntervalMs, attemptMs * 2);
    const retryInMs = Math.min(this.#options.maxIntervalMs, grown, Math.max(0, sinceMs + this.#options.outageToleranceMs - now));
    this.#notify({ kind: 'unreachable', jobId, error, retryInMs, sinceMs });
    return retryInMs;
  }

  #recovered(jobId: string, sinceMs: number | undefined): void {
    if (sinceMs !== undefined) this.#notify({ kind: 'reachable', jobId, afterMs: Date.now() - sinceMs });
  }

  #jittered(ms: number): number {
    const spread = ms * this.#options.jitter;
    return Math.max(0, ms + (this.#options.random() * 2 - 1) * spread);
  }

  #idleCheck(): void {
    if (this.#pollers.size > 0 || this.#waiting.length > 0) return;
    this.#clearTimer();
    // Nothing is followed: drop the queue's stale entries and the references its arrays keep.
    this.#due.clear();
    this.#due.shrink();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerDueMs = Number.POSITIVE_INFINITY;
  }

  #wakeAt(atMs: number): void {
    if (atMs >= this.#timerDueMs) return;
    this.#clearTimer();
    this.#timerDueMs = atMs;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerDueMs = Number.POSITIVE_INFINITY;
        this.#pump();
      },
      Math.max(0, atMs - Date.now()),
    );
  }

  /** The most overdue idle poller, so a capped backend still serves every job in turn. */
  #nextDuePoller(now: number): Poller | undefined {
    if (this.#nextDuePollerAtMs() > now) return undefined;
    const poller = this.#due.pop();
    if (poller) poller.queuedAtMs = Number.NaN;
    return poller;
  }

  #pump(): void {
    const now = Date.now();
    if (now < this.#pausedUntilMs) {
      this.#wakeAt(this.#pausedUntilMs);
      return;
    }
    const spacingMs = 1000 / this.#options.maxRequestsPerSecond;
    const earlyMs = spacingMs < START_GROUP_MS ? START_GROUP_MS : 0;
    while (this.#inFlight < this.#options.maxConcurrentRequests) {
      const shotIndex = this.#waiting.findIndex((s) => s.notBeforeMs <= now);
      if (shotIndex < 0 && this.#nextDuePollerAtMs() > now) break;
      const windowAtMs = this.#windowAllowsAtMs(now);
      if (now < Math.max(this.#nextStartMs - earlyMs, windowAtMs)) {
        // Woken at the slot itself, not `earlyMs` before it: the wake then starts a group.
        this.#wakeAt(Math.max(this.#nextStartMs, windowAtMs));
        return;
      }
      this.#noteStart(now, spacingMs);
      const poller = shotIndex < 0 ? this.#nextDuePoller(now) : undefined;
      if (poller) this.#startPoll(poller);
      else {
        const [shot] = this.#waiting.splice(shotIndex, 1);
        if (shot) this.#startOneShot(shot);
      }
      this.#noteStarted();
    }
    if (this.#inFlight >= this.#options.maxConcurrentRequests) return;
    let next = this.#nextDuePollerAtMs();
    for (const s of this.#waiting) next = Math.min(next, s.notBeforeMs);
    if (next !== Number.POSITIVE_INFINITY) this.#wakeAt(Math.max(next, now));
  }

  /** When the first queued poller is due (stale entries dropped), or +∞. */
  #nextDuePollerAtMs(): number {
    for (;;) {
      const poller = this.#due.peek();
      const atMs = this.#due.peekValue();
      if (poller === undefined || atMs === undefined) return Number.POSITIVE_INFINITY;
      if (poller.queuedAtMs === atMs && poller.controller === undefined && this.#pollers.get(poller.jobId) === poller) return atMs;
      this.#due.pop();
    }
  }

  /** When the 1 s window lets the next request start: never more than the cap in any 1 s window. */
  #windowAllowsAtMs(now: number): number {
    const windowCount = Math.max(1, Math.floor(this.#options.maxRequestsPerSecond));
    const windowFull = this.#recentStartsMs.length >= windowCount;
    const oldestMs = this.#recentStartsMs[0];
    // `Date.now` counts whole milliseconds: readings 1000 apart can be 999.x ms apart, and a group
    // started a hair too early would put a group more than the cap into one real second.
    return windowFull && oldestMs !== undefined ? oldestMs + 1001 : now;
  }

  #noteStart(now: number, spacingMs: number): void {
    // A timer that fires late must not lower the rate: a start that was waiting for its slot keeps
    // the slot grid; one after idle time starts a new grid (at most one group at once).
    this.#nextStartMs = (now - this.#nextStartMs < spacingMs ? this.#nextStartMs : now) + spacingMs;
  }

  /** Counts a request that has just been handed to the transport in the 1 s window. */
  #noteStarted(): void {
    if (!Number.isFinite(this.#options.maxRequestsPerSecond)) return;
    // The clock is read again, after the start: a group's later requests start a few ms after the
    // pump's `now` (each start sends synchronously), and the window must count when they did.
    this.#recentStartsMs.push(Date.now());
    if (this.#recentStartsMs.length > Math.max(1, Math.floor(this.#options.maxRequestsPerSecond))) this.#recentStartsMs.shift();
  }

  /** Keeps `controller` for a later request unless it was aborted. */
  #spare(controller: AbortController | undefined): void {
    if (controller && !controller.signal.aborted && this.#spareControllers.length < SPARE_CONTROLLERS) this.#spareControllers.push(controller);
  }

  /** Counts a request in flight and answers its controller. */
  #begin(): AbortController {
    this.#inFlight++;
    this.#requestCount++;
    return this.#spareControllers.pop() ?? new AbortController();
  }

  #end(): void {
    this.#inFlight--;
    this.#pump();
  }

  #startPoll(poller: Poller): void {
    const controller = this.#begin();
    poller.controller = controller;
    poller.onRetry ??= this.#retryListener(poller.jobId);
    // Settles this request: true when the answer still matters. The request is over before anyone
    // hears the answer, so a follower that leaves on it does not abort a finished request.
    const settle = (): boolean => {
      if (poller.controller !== controller) return false;
      poller.controller = undefined;
      this.#spare(controller);
      return this.#pollers.get(poller.jobId) === poller;
    };
    const [asker] = poller.listeners;
    // The request's end is counted in each handler, not in a `finally` after them: one promise and
    // one microtask less per request.
    (asker ? asker.fetchStatus(controller.signal, poller.onRetry) : Promise.reject(new AbortError(`No one follows job ${poller.jobId}`))).then(
      (status) => {
        try {
          if (settle()) this.#pollAnswered(poller, status);
        } finally {
          this.#end();
        }
      },
      (error: unknown) => {
        try {
          if (settle()) this.#pollFailed(poller, error);
        } finally {
          this.#end();
        }
      },
    );
  }

  #pollAnswered(poller: Poller, status: JobStatus): void {
    this.#recovered(poller.jobId, poller.failingSinceMs);
    poller.failingSinceMs = undefined;
    this.#answered(poller, status);
  }

  /** A failed poll: asked again later (rate limit, outage), or the end of the job's polling. */
  #pollFailed(poller: Poller, error: unknown): void {
    const retryAtMs = this.#pollRetryAtMs(poller, error);
    if (retryAtMs !== undefined) {
      poller.dueMs = retryAtMs;
      this.#enqueue(poller);
      return;
    }
    const final = isTransientError(error) ? new JobUnreachableError(poller.jobId, Date.now() - (poller.failingSinceMs ?? Date.now()), { cause: error }) : error;
    this.#pollers.delete(poller.jobId);
    poller.unwatch?.();
    for (const listener of [...poller.listeners]) listener.error(final);
  }

  /** When a failed poll is tried again: after a rate limit's pause, or after an outage backoff; undefined when it is over. */
  #pollRetryAtMs(poller: Poller, error: unknown): number | undefined {
    if (error instanceof RateLimitError) {
      this.#rateLimited(error.retryAfterMs ?? this.#options.rateLimitPauseMs);
      return this.#pausedUntilMs;
    }
    if (!isTransientError(error)) return undefined;
    poller.failingSinceMs ??= Date.now();
    const retryInMs = this.#outageRetryInMs(poller.jobId, error, poller.failingSinceMs, poller.intervalMs);
    if (retryInMs === undefined) return undefined;
    poller.intervalMs = retryInMs;
    return Date.now() + retryInMs;
  }

  #startOneShot(shot: OneShot): void {
    const controller = this.#begin();
    shot.controller = controller;
    this.#running.add(shot);
    const settle = (): boolean => {
      if (controller.signal.aborted) return false;
      shot.controller = undefined;
      this.#spare(controller);
      return true;
    };
    shot.run(controller.signal, this.#retryListener(shot.jobId)).then(
      (value) => {
        try {
          if (!settle()) return;
          this.#recovered(shot.jobId, shot.failingSinceMs);
          shot.listener.resolve(value);
        } finally {
          this.#shotEnded(shot);
        }
      },
      (error: unknown) => {
        try {
          if (settle()) this.#shotFailed(shot, error);
        } finally {
          this.#shotEnded(shot);
        }
      },
    );
  }

  #shotEnded(shot: OneShot): void {
    this.#running.delete(shot);
    this.#end();
  }

  /** A failed result fetch: queued again (rate limit, outage), or its caller told. */
  #shotFailed(shot: OneShot, error: unknown): void {
    if (error instanceof RateLimitError) {
      this.#rateLimited(error.retryAfterMs ?? this.#options.rateLimitPauseMs);
      this.#waiting.unshift(shot);
      return;
    }
    let final = error;
    if (isTransientError(error)) {
      shot.failingSinceMs ??= Date.now();
      const since = shot.failingSinceMs;
      const retryInMs = this.#outageRetryInMs(shot.jobId, error, since, shot.backoffMs);
      if (retryInMs !== undefined) {
        shot.backoffMs = retryInMs;
        shot.notBeforeMs = Date.now() + retryInMs;
        this.#waiting.push(shot);
        return;
      }
      final = new JobUnreachableError(shot.jobId, Date.now() - since, { cause: error });
    }
    shot.listener.reject(final);
  }
}
