import { rxjs, type Observable, type ReplaySubject } from '../internal/rx.js';
import { AbortError } from '../errors.js';

/** A place in a {@link JobThrottle}'s queue. */
export interface QueueTicket {
  /** 1-based place in the backend's queue (1 = next to be let through); 0 once a slot is granted, then completes. */
  readonly position$: Observable<number>;
  /** Resolves with the slot's release function once granted; rejects with `AbortError` if cancelled first. */
  readonly granted: Promise<() => void>;
  /** Leaves the queue, or frees the slot if it was already granted. */
  cancel(): void;
}

interface Waiter {
  readonly limit: number;
  // Replays the last place even after completion, so a late subscriber still learns it was granted.
  readonly position: ReplaySubject<number>;
  place: number;
  readonly grant: () => void;
  readonly refuse: (error: unknown) => void;
}

/**
 * A first-come-first-served limit on a backend's unfinished jobs (of runs): a submission beyond it
 * waits locally, and sees its place in the queue move. One per backend, shared by all its runs.
 */
export class JobThrottle {
  /** The most jobs let through at once. */
  readonly maxActiveJobs: number;
  readonly #queue: Waiter[] = [];
  #active = 0;

  constructor(maxActiveJobs: number) {
    this.maxActiveJobs = Math.max(1, maxActiveJobs);
  }

  /** Jobs holding a slot. */
  get active(): number {
    return this.#active;
  }

  /** Submissions waiting. */
  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * Queues for a slot. `limit` lowers the backend's limit for this submission (a run's own
   * `maxActiveJobs`): it is let through only while fewer than `limit` jobs are active.
   */
  enqueue(limit: number = this.maxActiveJobs): QueueTicket {
    let release: (() => void) | undefined;
    let settled = false;
    let resolveGranted!: (release: () => void) => void;
    let rejectGranted!: (error: unknown) => void;
    const granted = new Promise<() => void>((resolve, reject) => {
      resolveGranted = resolve;
      rejectGranted = reject;
    });
    // A cancelled ticket nobody awaits must not surface as an unhandled rejection.
    granted.catch(() => undefined);
    const waiter: Waiter = {
      limit: Math.max(1, Math.min(limit, this.maxActiveJobs)),
      position: new (rxjs().ReplaySubject)<number>(1),
      place: this.#queue.length + 1,
      grant: () => {
        settled = true;
        this.#active++;
        let released = false;
        release = () => {
          if (released) return;
          released = true;
          this.#active--;
          this.#pump();
        };
        waiter.place = 0;
        waiter.position.next(0);
        waiter.position.complete();
        resolveGranted(release);
      },
      refuse: (error) => {
        settled = true;
        waiter.position.complete();
        rejectGranted(error);
      },
    };
    waiter.position.next(waiter.place);
    this.#queue.push(waiter);
    this.#pump();
    return {
      position$: waiter.position.asObservable(),
      granted,
      cancel: () => {
        if (release) return release();
        if (settled) return;
        this.#queue.splice(this.#queue.indexOf(waiter), 1);
        waiter.refuse(new AbortError('The submission left the queue before it was sent'));
        this.#renumber();
      },
    };
  }

  #pump(): void {
    // Strictly in order: a head waiting for its lower limit holds the ones behind it, so the
    // queue's order is the submission order.
    for (let head = this.#queue[0]; head !== undefined && this.#active < head.limit; head = this.#queue[0]) {
      this.#queue.shift();
      head.grant();
    }
    this.#renumber();
  }

  #renumber(): void {
    this.#queue.forEach((waiter, index) => {
      if (waiter.place === index + 1) return;
      waiter.place = index + 1;
      waiter.position.next(waiter.place);
    });
  }
}
