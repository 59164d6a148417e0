/**
 * The only module that imports piscina: a pool of worker threads running one task module, so the
 * physics never blocks the event loop that answers HTTP requests and polls.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** Worker threads at most. @default os.availableParallelism() */
  readonly threads?: number;
  /** How long an idle thread is kept warm before it exits. @default 30000 @unit milliseconds */
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
    throw new Error('Running @coldatom/simulator from its TypeScript sources needs tsx installed to load the simulation worker; use the built package (dist/) otherwise', { cause });
  }
  const boot = `import { register } from ${JSON.stringify(api)}; register();`;
  return ['--import', `data:text/javascript,${encodeURIComponent(boot)}`, '--conditions=@coldatom/source'];
}

/**
 * A pool of worker threads executing the function `exportName` of the module `entry` (a URL next
 * to the caller: `.ts` from sources, `.js` from dist). Idle threads do not keep the process alive.
 */
export class WorkerPool<Task, Answer> {
  readonly #piscina: Piscina<Task, Answer>;

  constructor(entry: URL, exportName: string, options: WorkerPoolOptions = {}) {
    const threads = Math.max(1, options.threads ?? availableParallelism());
    this.#piscina = new Piscina<Task, Answer>({
      filename: fileURLToPath(entry),
      name: exportName,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: options.idleTimeoutMs ?? 30_000,
      ...(entry.pathname.endsWith('.ts') ? { execArgv: sourceExecArgv() } : {}),
    });
  }

  /** Threads the pool runs at most. */
  get threads(): number {
    return this.#piscina.maxThreads;
  }

  /**
   * Runs one task. When `signal` fires, a queued task is dropped and a running one is stopped by
   * terminating its thread (a replacement starts on demand); the promise then rejects.
   */
  run(task: Task, signal?: AbortSignal): Promise<Answer> {
    return this.#piscina.run(task, signal ? { signal } : {});
  }

  /** Tasks finished so far (answered or thrown), over the pool's life. */
  get completed(): number {
    return this.#piscina.completed;
  }

  /** Stops every thread; running tasks reject. */
  async destroy(): Promise<void> {
    await this.#piscina.destroy();
  }
}
