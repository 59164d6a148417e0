/**
 * The browser's counterpart of worker-pool.ts: a pool of Web Workers serving one kind of task, so
 * the physics never blocks the page (its rendering, its polls). A Web Worker cannot re-enter the
 * page's bundle the way a worker thread re-enters its module file (the bundle also holds the
 * page's own code), so each worker starts on an entry module of its own that calls
 * {@link serveInWebWorker}; the caller passes a function making such a worker, written as
 * `new Worker(new URL('./entry.js', import.meta.url), { type: 'module' })` so that bundlers
 * (Vite, webpack 5, Parcel) find the entry and bundle it.
 *
 * Semantics match {@link WorkerPool}: one task at a time per worker, caches kept between tasks,
 * an aborted running task stops by terminating its worker, idle workers go after a timeout.
 */
import { ColdAtomError } from '@coldatom/core/errors';

/** The part of the DOM `Worker` the pool uses (the package compiles without the DOM library). */
export interface WebWorkerLike {
  postMessage(message: unknown, transfer: readonly unknown[]): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { readonly message?: string }) => void): void;
  terminate(): void;
}

/** The part of a worker's global scope {@link serveInWebWorker} uses. */
interface WorkerScopeLike {
  postMessage(message: unknown, transfer: readonly unknown[]): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}

interface Request {
  readonly id: number;
  readonly task: unknown;
}

type Reply = { readonly id: number; readonly answer: unknown } | { readonly id: number; readonly error: string };

/** What a task handler answers: the value, and buffers to move (not copy) to the page. */
export interface WebServed<Answer> {
  readonly answer: Answer;
  readonly transfer?: readonly ArrayBuffer[];
}

/** In a Web Worker's entry module: serves the pool's tasks with `handler`, one message each. */
export function serveInWebWorker<Task, Answer>(handler: (task: Task) => WebServed<Answer>): void {
  const scope = globalThis as unknown as WorkerScopeLike;
  scope.addEventListener('message', (event) => {
    const { id, task } = event.data as Request;
    let reply: Reply;
    let transfer: readonly ArrayBuffer[] = [];
    try {
      const served = handler(task as Task);
      reply = { id, answer: served.answer };
      transfer = served.transfer ?? [];
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    scope.postMessage(reply, transfer);
  });
}

/** Options of {@link WebWorkerPool}. */
export interface WebWorkerPoolOptions {
  /** Workers at most. @default navigator.hardwareConcurrency, or 2 where it is unknown */
  readonly workers?: number;
  /** How long an idle worker is kept warm (its caches too) before it is terminated. @default 30000 @unit milliseconds */
  readonly idleTimeoutMs?: number;
}

interface Pending {
  readonly id: number;
  readonly task: unknown;
  readonly transfer: readonly ArrayBuffer[];
  readonly resolve: (answer: never) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort?: () => void;
}

interface Slot {
  readonly worker: WebWorkerLike;
  current: Pending | undefined;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

const abortError = (signal: AbortSignal): Error => new ColdAtomError(`The task was aborted: ${String(signal.reason)}`, { cause: signal.reason });

/** The cores a page may use, as the browser tells them. */
export function browserCores(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof cores === 'number' && cores > 0 ? cores : 2;
}

/** Web Workers serving one entry module's tasks; the browser's {@link WorkerPool}. */
export class WebWorkerPool<Task, Answer> {
  readonly #spawnWorker: () => WebWorkerLike;
  readonly #workers: number;
  readonly #idleTimeoutMs: number;
  readonly #slots = new Set<Slot>();
  readonly #idle: Slot[] = [];
  readonly #queue: Pending[] = [];
  #nextId = 0;

  /** @param spawn makes one worker on the entry module (see the module comment for how to write it) */
  constructor(spawn: () => WebWorkerLike, options: WebWorkerPoolOptions = {}) {
    this.#spawnWorker = spawn;
    this.#workers = Math.max(1, options.workers ?? browserCores());
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  }

  /** Workers the pool runs at most (named as {@link WorkerPool.threads}, so batching code serves both). */
  get threads(): number {
    return this.#workers;
  }

  /**
   * Runs one task. When `signal` fires, a queued task is dropped and a running one is stopped by
   * terminating its worker (a replacement starts on demand); the promise then rejects.
   */
  run(task: Task, signal?: AbortSignal, transfer: readonly ArrayBuffer[] = []): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const pending: Pending = { id: this.#nextId++, task, transfer, resolve: resolve as (answer: never) => void, reject, signal };
      if (signal) {
        pending.onAbort = () => this.#abort(pending);
        signal.addEventListener('abort', pending.onAbort, { once: true });
      }
      this.#queue.push(pending);
      this.#dispatch();
    });
  }

  /** Terminates every worker; running and queued tasks reject. */
  destroy(): void {
    const gone = new ColdAtomError('The Web Worker pool was destroyed');
    for (const pending of this.#queue.splice(0)) this.#settle(pending, gone);
    for (const slot of [...this.#slots]) {
      if (slot.current) this.#settle(slot.current, gone);
      this.#drop(slot);
    }
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#idle.pop() ?? (this.#slots.size < this.#workers ? this.#spawn() : undefined);
      if (!slot) return;
      const pending = this.#queue.shift()!;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = undefined;
      slot.current = pending;
      slot.worker.postMessage({ id: pending.id, task: pending.task } satisfies Request, [...pending.transfer]);
    }
  }

  #spawn(): Slot {
    const worker = this.#spawnWorker();
    const slot: Slot = { worker, current: undefined, idleTimer: undefined };
    this.#slots.add(slot);
    worker.addEventListener('message', (event) => {
      const reply = event.data as Reply;
      const pending = slot.current;
      if (!pending || pending.id !== reply.id) return;
      slot.current = undefined;
      if ('error' in reply) this.#settle(pending, new ColdAtomError(reply.error));
      else this.#settle(pending, undefined, reply.answer);
      this.#rest(slot);
      this.#dispatch();
    });
    // A worker that fails to load (a bundler that did not emit its entry) or dies fails its task.
    worker.addEventListener('error', (event) => {
      const pending = slot.current;
      slot.current = undefined;
      this.#drop(slot);
      if (pending)
        this.#settle(
          pending,
          new ColdAtomError(`The simulation Web Worker failed: ${event.message ?? 'it could not be loaded (was its entry module bundled?)'}`),
        );
      this.#dispatch();
    });
    return slot;
  }

  #rest(slot: Slot): void {
    if (!this.#slots.has(slot)) return;
    this.#idle.push(slot);
    slot.idleTimer = setTimeout(() => this.#drop(slot), this.#idleTimeoutMs);
  }

  #drop(slot: Slot): void {
    this.#slots.delete(slot);
    const at = this.#idle.indexOf(slot);
    if (at >= 0) this.#idle.splice(at, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.worker.terminate();
  }

  #abort(pending: Pending): void {
    const queued = this.#queue.indexOf(pending);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
    } else {
      const slot = [...this.#slots].find((s) => s.current === pending);
      if (!slot) return;
      slot.current = undefined;
      this.#drop(slot);
    }
    if (pending.signal) this.#settle(pending, abortError(pending.signal));
    this.#dispatch();
  }

  #settle(pending: Pending, error: Error | undefined, answer?: unknown): void {
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
    if (error) pending.reject(error);
    else pending.resolve(answer as never);
  }
}
