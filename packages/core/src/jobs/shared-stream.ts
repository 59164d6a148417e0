/**
 * What rxjs's `share({ connector: () => new ReplaySubject(1), resetOnError: true, resetOnComplete:
 * false, resetOnRefCountZero: true })` does, for the job handles, in one small object instead of a
 * subject and an operator chain per handle (issue 17: a handle that is polled costs a few hundred
 * bytes, not 30 KiB). The source starts with the first subscriber and stops when the last one
 * leaves (the next one starts it afresh); an error reaches every subscriber and resets it; a
 * completion is kept, and late subscribers get the last value and the completion.
 */

/** Where values go: an rxjs `Subscriber` is one, and so is a promise's pair of callbacks. */
export interface Sink<T> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
}

/** A running source: what `connect` answers. */
export interface Connection {
  stop(): void;
}

/** Subclasses say how the source starts (a method, not a closure: a handle keeps no closures). */
export abstract class SharedStream<T> implements Sink<T> {
  #subscribers: Sink<T>[] = [];
  #connection: Connection | undefined;
  #connected = false;
  #hasLast = false;
  #last: T | undefined;
  #completed = false;

  /** Starts the source for `sink`. The source may call the sink before this returns. */
  protected abstract connect(sink: Sink<T>): Connection;

  /** True once the stream has completed (its last value is kept for late subscribers). */
  get completed(): boolean {
    return this.#completed;
  }

  /** Adds a subscriber (starting the source if it is the first); returns its unsubscribe. */
  subscribe(sink: Sink<T>): () => void {
    if (this.#completed) {
      if (this.#hasLast) sink.next(this.#last as T);
      sink.complete();
      return noop;
    }
    this.#subscribers.push(sink);
    if (this.#hasLast) sink.next(this.#last as T);
    if (!this.#connected) {
      this.#connected = true;
      const connection = this.connect(this);
      // The source may have ended while connecting.
      if (this.#connected) this.#connection = connection;
      else connection.stop();
    }
    return () => this.#leave(sink);
  }

  next(value: T): void {
    if (!this.#connected) return;
    this.#hasLast = true;
    this.#last = value;
    for (const sink of [...this.#subscribers]) sink.next(value);
  }

  error(error: unknown): void {
    if (!this.#connected) return;
    const subscribers = this.#disconnect();
    this.#hasLast = false;
    this.#last = undefined;
    for (const sink of subscribers) sink.error(error);
  }

  complete(): void {
    if (!this.#connected) return;
    const subscribers = this.#disconnect();
    this.#completed = true;
    for (const sink of subscribers) sink.complete();
  }

  #leave(sink: Sink<T>): void {
    const index = this.#subscribers.indexOf(sink);
    if (index < 0) return;
    this.#subscribers.splice(index, 1);
    if (this.#subscribers.length > 0 || !this.#connected) return;
    this.#disconnect();
    this.#hasLast = false;
    this.#last = undefined;
  }

  /** Stops the source and hands back the subscribers, leaving none. */
  #disconnect(): Sink<T>[] {
    const subscribers = this.#subscribers;
    const connection = this.#connection;
    this.#subscribers = [];
    this.#connection = undefined;
    this.#connected = false;
    connection?.stop();
    return subscribers;
  }
}

const noop = (): void => undefined;
