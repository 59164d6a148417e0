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
import { PoolCore, serveRequest, type Served, type TaskReply, type TaskRequest } from './pool-core.js';

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

/**
 * In a Web Worker's entry module: serves the pool's tasks with `handler`, one message each. The
 * buffers it names in `transfer` move to the page rather than being copied.
 */
export function serveInWebWorker<Task, Answer>(handler: (task: Task) => Served<Answer, ArrayBuffer>): void {
  const scope = globalThis as unknown as WorkerScopeLike;
  scope.addEventListener('message', (event) => {
    const { reply, transfer } = serveRequest(event.data as TaskRequest, handler);
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

/** The cores a page may use, as the browser tells them. */
export function browserCores(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof cores === 'number' && cores > 0 ? cores : 2;
}

/** Web Workers serving one entry module's tasks; the browser's {@link WorkerPool}. */
export class WebWorkerPool<Task, Answer> {
  readonly #core: PoolCore<Task, Answer, WebWorkerLike, ArrayBuffer>;

  /** @param spawn makes one worker on the entry module (see the module comment for how to write it) */
  constructor(spawn: () => WebWorkerLike, options: WebWorkerPoolOptions = {}) {
    this.#core = new PoolCore<Task, Answer, WebWorkerLike, ArrayBuffer>(
      {
        start: (events) => {
          const worker = spawn();
          worker.addEventListener('message', (event) => events.reply(event.data as TaskReply));
          // A worker that fails to load (a bundler that did not emit its entry) or dies fails its task.
          worker.addEventListener('error', (event) =>
            events.fail(new ColdAtomError(`The simulation Web Worker failed: ${event.message ?? 'it could not be loaded (was its entry module bundled?)'}`)),
          );
          return worker;
        },
        post: (worker, request, transfer) => worker.postMessage(request, transfer),
        // An idle Web Worker holds nothing open: a page does not wait for it.
        rest: () => {},
        stop: (worker) => worker.terminate(),
      },
      { threads: options.workers ?? browserCores(), idleTimeoutMs: options.idleTimeoutMs ?? 30_000 },
    );
  }

  /** Workers the pool runs at most (named as {@link WorkerPool.threads}, so batching code serves both). */
  get threads(): number {
    return this.#core.threads;
  }

  /**
   * Runs one task. When `signal` fires, a queued task is dropped and a running one is stopped by
   * terminating its worker (a replacement starts on demand); the promise then rejects.
   */
  run(task: Task, signal?: AbortSignal, transfer: readonly ArrayBuffer[] = []): Promise<Answer> {
    return this.#core.run(task, signal, transfer);
  }

  /** Terminates every worker; running and queued tasks reject. */
  destroy(): void {
    // Terminating a Web Worker is immediate: nothing to wait for.
    void this.#core.destroy('The Web Worker pool was destroyed');
  }
}
