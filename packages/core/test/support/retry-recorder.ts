import type { RetryEvent } from '@coldatom/core';

/** Records backoff waits instead of sleeping, and every retry event, so retry specs need no timing. */
export function recorder(): { waits: number[]; events: RetryEvent[]; options: { sleep: (ms: number) => Promise<void>; onRetry: (e: RetryEvent) => void } } {
  const waits: number[] = [];
  const events: RetryEvent[] = [];
  return { waits, events, options: { sleep: async (ms) => void waits.push(ms), onRetry: (e) => void events.push(e) } };
}
