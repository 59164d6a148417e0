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
import { PoolCore, serveRequest, type Served, type TaskReply, type TaskRequest, type ThreadEvents } from './pool-core.js';

const ROLE = 'coldatom.worker-pool';

interface Boot {
  readonly service: string;
  readonly port: MessagePort;
  readonly wake: Int32Array;
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
export function serveIfPoolWorker<Task, Answer>(service: string, handler: (task: Task) => Served<Answer, Transferable>): void {
  const boot = bootOf(service);
  if (!boot) return;
  const { port, wake } = boot;
  for (;;) {
    // The pool's wake word is a generation count bumped after every round of posts: read it
    // before draining, so a task posted after the drain makes the wait return at once.
    const seen = Atomics.load(wake, 0);
    for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
      const { reply, transfer } = serveRequest(message.message as TaskRequest, handler);
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

/** A worker thread and the port its tasks and answers go through. */
interface Thread {
  readonly worker: Worker;
  readonly port: MessagePort;
}

/**
 * Worker threads serving one service of one module. Idle threads do not keep the process alive;
 * a thread runs one task at a time and keeps its module state (caches) between tasks.
 */
export class WorkerPool<Task, Answer> {
  readonly #entry: URL;
  readonly #service: string;
  readonly #core: PoolCore<Task, Answer, Thread, Transferable>;
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
    this.#core = new PoolCore<Task, Answer, Thread, Transferable>(
      {
        start: (events) => this.#start(events),
        post: (thread, request, transfer) => {
          // A busy thread keeps the process alive until it answers.
          thread.worker.ref();
          thread.port.ref();
          thread.port.postMessage(request, [...transfer]);
          this.#announce();
        },
        rest: (thread) => {
          thread.worker.unref();
          thread.port.unref();
        },
        stop: async (thread) => {
          thread.port.close();
          await thread.worker.terminate();
        },
      },
      { threads: options.threads ?? availableParallelism(), idleTimeoutMs: options.idleTimeoutMs ?? 30_000 },
    );
  }

  /** Threads the pool runs at most. */
  get threads(): number {
    return this.#core.threads;
  }

  /** Tasks finished so far (answered, thrown, or stopped with their thread), over the pool's life. */
  get completed(): number {
    return this.#core.completed;
  }

  /**
   * Runs one task. When `signal` fires, a queued task is dropped and a running one is stopped by
   * terminating its thread (a replacement starts on demand); the promise then rejects.
   */
  run(task: Task, signal?: AbortSignal, transfer: readonly Transferable[] = []): Promise<Answer> {
    return this.#core.run(task, signal, transfer);
  }

  /** Stops every thread; running and queued tasks reject. */
  destroy(): Promise<void> {
    return this.#core.destroy('The worker pool was destroyed');
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

  #start(events: ThreadEvents): Thread {
    const { port1, port2 } = new MessageChannel();
    const boot: Boot = { service: this.#service, port: port2, wake: this.#wake };
    const worker = new Worker(this.#entry, {
      workerData: { [ROLE]: boot },
      transferList: [port2],
      ...(this.#entry.pathname.endsWith('.ts') ? { execArgv: sourceExecArgv() } : {}),
    });
    port1.on('message', (reply: TaskReply) => events.reply(reply));
    // The thread's own uncaught error keeps its message, so a job's failure text names it (a
    // thread may throw any value, whatever the event's type says).
    worker.on('error', (error: unknown) => events.fail(new ColdAtomError(error instanceof Error ? error.message : String(error), { cause: error })));
    worker.on('exit', (code) => events.fail(new ColdAtomError(`The simulation thread exited (code ${code})`)));
    return { worker, port: port1 };
  }
}
