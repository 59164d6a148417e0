/**
 * What Node's pool of worker threads (worker-pool.ts) and the browser's pool of Web Workers
 * (web-worker-pool.ts) share: the queue of tasks, aborts, idle threads and their timeout, and
 * matching each answer to its task, on the caller's side; answering one task, on the thread's. How a
 * thread is started, handed a task and stopped is each pool's own, given as a {@link ThreadKind}.
 */
import { AbortError, ColdAtomError } from '@coldatom/core/errors';

/** A task as posted to a thread. */
export interface TaskRequest {
  readonly id: number;
  readonly task: unknown;
}

/** A thread's answer to one task: its value, or the message of what it threw. */
export type TaskReply = { readonly id: number; readonly answer: unknown } | { readonly id: number; readonly error: string };

/** What a task handler answers: the value, and buffers to move (not copy) to the caller. */
export interface Served<Answer, Transfer> {
  readonly answer: Answer;
  readonly transfer?: readonly Transfer[];
}

/**
 * On the thread: answers one posted request with `handler`. A throw becomes an error reply rather
 * than escaping, so the thread lives on to serve the next task with its caches.
 */
export function serveRequest<Task, Answer, Transfer>(
  request: TaskRequest,
  handler: (task: Task) => Served<Answer, Transfer>,
): { readonly reply: TaskReply; readonly transfer: readonly Transfer[] } {
  try {
    // The pool posts only its own Task to a thread serving its service.
    const served = handler(request.task as Task);
    return { reply: { id: request.id, answer: served.answer }, transfer: served.transfer ?? [] };
  } catch (error) {
    return { reply: { id: request.id, error: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

/** How a started thread reports back to its pool. */
export interface ThreadEvents {
  /** The thread answered a task. */
  reply(reply: TaskReply): void;
  /** The thread died or could not start: its task, if any, fails with `error`. */
  fail(error: ColdAtomError): void;
}

/** What a pool needs to know about one kind of thread. */
export interface ThreadKind<Thread, Transfer> {
  /** Starts a thread reporting through `events`. */
  start(events: ThreadEvents): Thread;
  /** Hands an idle thread one task. */
  post(thread: Thread, request: TaskRequest, transfer: readonly Transfer[]): void;
  /** The thread has no task now (where threads keep the process alive, it must stop doing so). */
  rest(thread: Thread): void;
  /** Stops the thread for good; settles once it is gone. */
  stop(thread: Thread): Promise<void> | void;
}

interface Pending<Answer, Transfer> {
  readonly id: number;
  readonly task: unknown;
  readonly transfer: readonly Transfer[];
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: ColdAtomError) => void;
  readonly signal: AbortSignal | undefined;
  onAbort?: () => void;
}

interface Slot<Thread, Answer, Transfer> {
  readonly thread: Thread;
  current: Pending<Answer, Transfer> | undefined;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

/** The pool's sizing. */
export interface PoolLimits {
  /** Threads at most (at least 1). */
  readonly threads: number;
  /** How long an idle thread is kept (its caches too) before it is stopped. @unit milliseconds */
  readonly idleTimeoutMs: number;
}

const abortError = (signal: AbortSignal): AbortError => new AbortError(`The task was aborted: ${String(signal.reason)}`, { cause: signal.reason });

/**
 * Threads of one kind serving tasks, one at a time each, started on demand up to a limit and
 * stopped after an idle timeout. An aborted queued task is dropped; an aborted running one stops
 * its thread, as a synchronous task cannot be interrupted any other way.
 */
export class PoolCore<Task, Answer, Thread, Transfer> {
  readonly #kind: ThreadKind<Thread, Transfer>;
  readonly #threads: number;
  readonly #idleTimeoutMs: number;
  readonly #slots = new Set<Slot<Thread, Answer, Transfer>>();
  readonly #idle: Slot<Thread, Answer, Transfer>[] = [];
  readonly #queue: Pending<Answer, Transfer>[] = [];
  #nextId = 0;
  #completed = 0;

  constructor(kind: ThreadKind<Thread, Transfer>, limits: PoolLimits) {
    this.#kind = kind;
    this.#threads = Math.max(1, limits.threads);
    this.#idleTimeoutMs = limits.idleTimeoutMs;
  }

  /** Threads the pool runs at most. */
  get threads(): number {
    return this.#threads;
  }

  /** Tasks finished so far (answered, thrown, failed or stopped while running), over the pool's life. */
  get completed(): number {
    return this.#completed;
  }

  /** Runs one task; `signal` drops it from the queue, or stops the thread running it. */
  run(task: Task, signal: AbortSignal | undefined, transfer: readonly Transfer[]): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const pending: Pending<Answer, Transfer> = { id: this.#nextId++, task, transfer, resolve, reject, signal };
      if (signal) {
        pending.onAbort = () => this.#abort(pending);
        signal.addEventListener('abort', pending.onAbort, { once: true });
      }
      this.#queue.push(pending);
      this.#dispatch();
    });
  }

  /** Stops every thread; running and queued tasks reject with `message`. Settles once all are gone. */
  async destroy(message: string): Promise<void> {
    const gone = new ColdAtomError(message);
    for (const pending of this.#queue.splice(0)) this.#reject(pending, gone);
    const stopping = [...this.#slots].map((slot) => {
      if (slot.current) this.#reject(slot.current, gone);
      slot.current = undefined;
      return this.#drop(slot);
    });
    await Promise.all(stopping);
  }

  #dispatch(): void {
    for (let pending = this.#queue[0]; pending; pending = this.#queue[0]) {
      const slot = this.#idle.pop() ?? (this.#slots.size < this.#threads ? this.#spawn() : undefined);
      if (!slot) return;
      this.#queue.shift();
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = undefined;
      slot.current = pending;
      this.#kind.post(slot.thread, { id: pending.id, task: pending.task }, pending.transfer);
    }
  }

  #spawn(): Slot<Thread, Answer, Transfer> {
    // The events fire only after start returns (a thread answers asynchronously), when `slot` is set.
    const slot: Slot<Thread, Answer, Transfer> = {
      thread: this.#kind.start({ reply: (reply) => this.#answered(slot, reply), fail: (error) => this.#failed(slot, error) }),
      current: undefined,
      idleTimer: undefined,
    };
    this.#slots.add(slot);
    return slot;
  }

  #answered(slot: Slot<Thread, Answer, Transfer>, reply: TaskReply): void {
    const pending = slot.current;
    if (!pending || pending.id !== reply.id) return;
    slot.current = undefined;
    this.#completed++;
    // The thread answers the task it was posted, so its answer is that task's Answer.
    if ('error' in reply) this.#reject(pending, new ColdAtomError(reply.error));
    else this.#resolve(pending, reply.answer as Answer);
    this.#rest(slot);
    this.#dispatch();
  }

  #failed(slot: Slot<Thread, Answer, Transfer>, error: ColdAtomError): void {
    const pending = slot.current;
    slot.current = undefined;
    void this.#drop(slot);
    if (pending) {
      this.#completed++;
      this.#reject(pending, error);
    }
    this.#dispatch();
  }

  /** An idle thread: its kind lets it rest, and it is stopped after the idle timeout. */
  #rest(slot: Slot<Thread, Answer, Transfer>): void {
    if (!this.#slots.has(slot)) return;
    this.#kind.rest(slot.thread);
    this.#idle.push(slot);
    const timer = setTimeout(() => void this.#drop(slot), this.#idleTimeoutMs);
    // Node's timer would keep the process alive for an idle thread; a browser's is a plain number.
    if (typeof timer === 'object') timer.unref();
    slot.idleTimer = timer;
  }

  #drop(slot: Slot<Thread, Answer, Transfer>): Promise<void> | void {
    this.#slots.delete(slot);
    const at = this.#idle.indexOf(slot);
    if (at >= 0) this.#idle.splice(at, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    return this.#kind.stop(slot.thread);
  }

  #abort(pending: Pending<Answer, Transfer>): void {
    const queued = this.#queue.indexOf(pending);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
    } else {
      const slot = [...this.#slots].find((s) => s.current === pending);
      if (!slot) return;
      slot.current = undefined;
      this.#completed++;
      void this.#drop(slot);
    }
    if (pending.signal) this.#reject(pending, abortError(pending.signal));
    this.#dispatch();
  }

  #resolve(pending: Pending<Answer, Transfer>, answer: Answer): void {
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
    pending.resolve(answer);
  }

  #reject(pending: Pending<Answer, Transfer>, error: ColdAtomError): void {
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
    pending.reject(error);
  }
}
