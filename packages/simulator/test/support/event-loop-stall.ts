/**
 * The longest the event loop went without a turn, as a 1 ms ticker sees it: used by the
 * completion-stall spec and by bench/pool.ts. No vitest here, so benches can use it.
 */

/** A running stall meter (see {@link watchEventLoopStall}). */
interface EventLoopStallWatch {
  /** Lets the ticker fire once more, so a loop blocked to the very end is seen, then stops it and answers the longest stall. @unit milliseconds */
  finish(): Promise<number>;
  /** Stops the ticker at once, without a last tick (cleanup after a failed spec); stopping twice is harmless. */
  stop(): void;
}

/**
 * Starts measuring the longest gap between two turns of the event loop, from now until `finish()`.
 * A 1 ms ticker rather than perf_hooks' `monitorEventLoopDelay`: the monitor starts sampling only
 * from the next loop turn, so it misses a stall that begins in the turn that enabled it.
 */
export function watchEventLoopStall(): EventLoopStallWatch {
  let lastTickMs = performance.now();
  let longestMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestMs = Math.max(longestMs, now - lastTickMs);
    lastTickMs = now;
  }, 1);
  const stop = (): void => clearInterval(ticker);
  return {
    stop,
    async finish() {
      await new Promise((resolve) => setTimeout(resolve, 5));
      stop();
      return longestMs;
    },
  };
}
