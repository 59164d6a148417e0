/**
 * A pool of worker threads that re-enter one module file, so the physics never blocks the event
 * loop that answers HTTP requests and polls.
 *
 * Each worker is started on a module URL (usually the caller's own `import.meta.url`) with a
 * marker in `workerData`; that module calls {@link serveIfPoolWorker} at its top level, which in
 * such a worker serves tasks and never returns. Because the worker re-enters the caller's file
 * rather than a separate entry file, this keeps working when an application is bundled into one
 * file (esbuild, rollup): the bundle is that file, and its evaluation stops at the serving call,
 * before any of the application's own code runs. The serving loop is synchronous (Atomics.wait
 * + receiveMessageOnPort), so it needs no top-level await, which would break CommonJS bundles and
 * `require()` of this package.
 */
import { ColdAtomError } from '@coldatom/core/errors';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData, type MessagePort, type Transferable } from 'node:worker_threads';

const ROLE = 'coldatom.worker-pool';

interface Boot {
  readonly service: string;
  readonly port: MessagePort;
  readonly wake: Int32Array;
}

interface Request {
  readonly id: number;
  readonly task: unknown;
}

type Reply = { readonly id: number; readonly answer: unknown } | { readonly id: number; readonly error: string };

/** What a task handler answers: the value, and buffers to move (not copy) to the caller. */
export interface Served<Answer> {
  readonly answer: Answer;
  readonly transfer?: readonly Transferable[];
}

function bootOf(service: string): Boot | undefined {
  if (isMainThread || typeof workerData !== 'object' || workerData === null) return undefined;
  const boot = (workerData as Record<string, unknown>)[ROLE] as Boot | undefined;
  return boot?.service === service ? boot : undefined;
}

/**
 * In a worker a {@link WorkerPool} started for `service`, serves its tasks with `handler` and never
 * returns; anywhere else returns at once. Call it at the top level of the module the pool starts.
 */
export function serveIfPoolWorker<Task, Answer>(service: string, handler: (task: Task) => Served<Answer>): void {
  const boot = bootOf(service);
  if (!boot) return;
  const { port, wake } = boot;
  for (;;) {
    // The pool's wake word is a generation count bumped after every round of posts: read it
    // before draining, so a task posted after the drain makes the wait return at once.
    const seen = Atomics.load(wake, 0);
    for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
      const { id, task } = message.message as Request;
      let reply: Reply;
      let transfer: readonly Transferable[] = [];
      try {
        const served = handler(task as Task);
        reply = { id, answer: served.answer };
        transfer = served.transfer ?? [];
      } catch (error) {
        reply = { id, error: error instanceof Error ? error.message : String(error) };
      }
      port.postMessage(reply, [...transfer]);
    }
    Atomics.wait(wake, 0, seen);
  }
}

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** Worker threads at most. @default os.availableParallelism() */
  readonly threads?: number;
  /** How long an idle thread is kept warm (its caches too) before it exits. @default 30000 @unit milliseconds */
  readonly idleTimeoutMs?: number;
}

/**
 * From the TypeScript sources (tsx, vitest) the worker thread cannot load `.ts` by itself: Node 20
 * runs neither the parent's loader hooks nor `--import tsx` inside workers, but tsx's `register()`
 * called through `--import` in the worker's own execArgv does work. From `dist/` nothing is needed.
 */
function sourceExecArgv(): string[] {
  let api: string;
  try {
    const tsxRoot = createRequire(import.meta.url).resolve('tsx/package.json');
    api = pathToFileURL(tsxRoot.replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  } catch (cause) {
    throw new ColdAtomError(
      'Running @coldatom/simulator from its TypeScript sources needs tsx installed to load the simulation worker; use the built package (dist/) otherwise',
      { cause },
    );
  }
  const boot = `import { register } from ${JSON.stringify(api)}; register();`;
  return ['--import', `data:text/javascript,${encodeURIComponent(boot)}`, '--conditions=@coldatom/source'];
}

interface Pending {
  readonly id: number;
  readonly task: unknown;
  readonly transfer: readonly Transferable[];
  readonly resolve: (answer: never) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort?: () => void;
}

interface Slot {
  readonly worker: Worker;
  readonly port: MessagePort;
  current: Pending | undefined;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

const abortError = (signal: AbortSignal): Error => new Error(`The task was aborted: ${String(signal.reason)}`, { cause: signal.reason });

/**
 * Worker threads serving one service of one module. Idle threads do not keep the process alive;
 * a thread runs one task at a time and keeps its module state (caches) between tasks.
 */
export class WorkerPool<Task, Answer> {
  readonly #entry: URL;
  readonly #service: string;
  readonly #threads: number;
  readonly #idleTimeoutMs: number;
  readonly #slots = new Set<Slot>();
  readonly #idle: Slot[] = [];
  readonly #queue: Pending[] = [];
  #nextId = 0;
  #completed = 0;
  /**
   * One wake word for all threads (a generation count): tasks posted in one tick are announced by
   * a single notify that wakes every waiting thread at once. Notifying thread by thread let the
   * first woken thread take this thread's core on a busy machine before the next was told.
   */
  readonly #wake = new Int32Array(new SharedArrayBuffer(4));
  #wakeScheduled = false;

  constructor(entry: URL, service: string, options: WorkerPoolOptions = {}) {
    this.#entry = entry;
    this.#service = service;
    this.#threads = Math.max(1, options.threads ?? availableParallelism());
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  }

  /** Threads the pool runs at most. */
  get threads(): number {
    return this.#threads;
  }

  /** Tasks finished so far (answered or thrown), over the pool's life. */
  get completed(): number {
    return this.#completed;
  }

  /**
   * Runs one task. When `signal` fires, a queued task is dropped and a running one is stopped by
   * terminating its thread (a replacement starts on demand); the promise then rejects.
   */
  run(task: Task, signal?: AbortSignal, transfer: readonly Transferable[] = []): Promise<Answer> {
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

  /** Stops every thread; running and queued tasks reject. */
  async destroy(): Promise<void> {
    for (const pending of this.#queue.splice(0)) this.#settle(pending, new Error('The worker pool was destroyed'));
    await Promise.all(
      [...this.#slots].map(async (slot) => {
        if (slot.current) this.#settle(slot.current, new Error('The worker pool was destroyed'));
        this.#drop(slot);
        await slot.worker.terminate();
      }),
    );
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#idle.pop() ?? (this.#slots.size < this.#threads ? this.#spawn() : undefined);
      if (!slot) return;
      const pending = this.#queue.shift();
      if (!pending) {
        this.#rest(slot);
        return;
      }
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = undefined;
      slot.current = pending;
      // A busy thread keeps the process alive until it answers.
      slot.worker.ref();
      slot.port.ref();
      slot.port.postMessage({ id: pending.id, task: pending.task } satisfies Request, [...pending.transfer]);
      this.#announce();
    }
  }

  /** Wakes the threads once, after every task posted in this tick. */
  #announce(): void {
    if (this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    queueMicrotask(() => {
      this.#wakeScheduled = false;
      Atomics.add(this.#wake, 0, 1);
      Atomics.notify(this.#wake, 0);
    });
  }

  #spawn(): Slot {
    const { port1, port2 } = new MessageChannel();
    const boot: Boot = { service: this.#service, port: port2, wake: this.#wake };
    const worker = new Worker(this.#entry, {
      workerData: { [ROLE]: boot },
      transferList: [port2],
      ...(this.#entry.pathname.endsWith('.ts') ? { execArgv: sourceExecArgv() } : {}),
    });
    const slot: Slot = { worker, port: port1, current: undefined, idleTimer: undefined };
    this.#slots.add(slot);
    port1.on('message', (reply: Reply) => {
      const pending = slot.current;
      if (!pending || pending.id !== reply.id) return;
      slot.current = undefined;
      this.#completed++;
      if ('error' in reply) this.#settle(pending, new Error(reply.error));
      else this.#settle(pending, undefined, reply.answer);
      this.#rest(slot);
      this.#dispatch();
    });
    const fail = (error: unknown): void => {
      const pending = slot.current;
      slot.current = undefined;
      this.#drop(slot);
      if (pending) {
        this.#completed++;
        this.#settle(pending, error instanceof Error ? error : new Error(String(error)));
      }
      this.#dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The simulation thread exited (code ${code})`)));
    return slot;
  }

  /** An idle thread: not keeping the process alive, and gone after the idle timeout. */
  #rest(slot: Slot): void {
    if (!this.#slots.has(slot)) return;
    slot.worker.unref();
    slot.port.unref();
    this.#idle.push(slot);
    slot.idleTimer = setTimeout(() => {
      this.#drop(slot);
      void slot.worker.terminate();
    }, this.#idleTimeoutMs);
    slot.idleTimer.unref();
  }

  #drop(slot: Slot): void {
    this.#slots.delete(slot);
    const at = this.#idle.indexOf(slot);
    if (at >= 0) this.#idle.splice(at, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.port.close();
  }

  #abort(pending: Pending): void {
    const queued = this.#queue.indexOf(pending);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
    } else {
      const slot = [...this.#slots].find((s) => s.current === pending);
      if (!slot) return;
      slot.current = undefined;
      this.#completed++;
      this.#drop(slot);
      void slot.worker.terminate();
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
