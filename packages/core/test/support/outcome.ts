import { expect, vi } from 'vitest';

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

// Taken before any spec installs the fake clock: one real turn of the event loop runs every pending
// microtask (so a promise that settles without a timer is seen settled) and no fake timer.
const realSetImmediate = globalThis.setImmediate;
const loopTurn = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

/**
 * Runs the fake clock one timer at a time until `promise` settles, as awaiting it on the real clock
 * would (what a spec checks next is the state right after it settled, before any later timer), and
 * fails at once if it has not within a second of fake time (jobs on 1–4 ms polls need a few dozen ms).
 */
export async function onFakeClock<T>(promise: Promise<T>): Promise<T> {
  const outcome = outcomeOf(promise);
  const deadline = Date.now() + 1_000;
  await loopTurn();
  for (let step = 0; step < 10_000 && !outcome.settled && Date.now() < deadline; step++) {
    await vi.advanceTimersToNextTimerAsync();
    await loopTurn();
  }
  expect(outcome.settled, 'settled within 1 s of fake time').toBe(true);
  return promise;
}
