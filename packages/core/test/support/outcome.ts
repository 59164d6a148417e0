/** A promise's outcome as a spec on fake timers reads it: whether it has settled yet, and with what. */
export interface Outcome {
  /** True once the promise has settled (checked after advancing the fake clock, so "not before" can be asserted). */
  readonly settled: boolean;
  /** The promise's value, or the error it rejected with. */
  readonly value: Promise<unknown>;
}

/**
 * Watches `promise` without awaiting it, so a spec can advance the fake clock step by step and
 * check that it has not settled early, then fail at once (rather than time out) if it did not
 * settle when it should have.
 */
export function outcomeOf(promise: Promise<unknown>): Outcome {
  const outcome = { settled: false, value: promise.catch((e: unknown) => e) };
  void outcome.value.finally(() => {
    outcome.settled = true;
  });
  return outcome;
}
