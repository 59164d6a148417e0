import { RateLimitError, type JobEvent } from '@coldatom/core';
import { formatDuration } from './format.js';

/** Shortest gap between two lines of one kind: an outage of 100 jobs is one line per cycle, not 100. @unit milliseconds */
const MIN_GAP_MS = 5_000;

/** The first line of an error message, trimmed for one line of output. */
const firstLine = (message: string): string => {
  const line = message.split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
};

/** The line a job event deserves while a run is followed, if any (`label` names the job). */
export function noticeText(label: string, event: JobEvent): string | undefined {
  switch (event.type) {
    case 'unreachable':
      return `${label}: server unreachable (${firstLine(event.error.message)}), retrying in ${formatDuration(event.retryInMs)}`;
    case 'reachable':
      return `${label}: server answering again after ${formatDuration(event.afterMs)}`;
    case 'backoff':
      return `rate limited by the server (HTTP 429): every job waits ${formatDuration(event.pauseMs)}`;
    case 'retry':
      return event.error instanceof RateLimitError ? `rate limited by the server (HTTP 429): retrying in ${formatDuration(event.delayMs)}` : undefined;
    default:
      return undefined;
  }
}

/**
 * Decides which notices reach the screen: at most one line of each kind per {@link MIN_GAP_MS},
 * except `reachable`, which always follows a shown `unreachable` (the user saw the outage begin,
 * and should see it end).
 */
export class NoticeFilter {
  readonly #lastShownMs = new Map<string, number>();
  #outageShown = false;

  constructor(private readonly nowMs: () => number = Date.now) {}

  pass(event: JobEvent): boolean {
    if (event.type === 'reachable') {
      const shown = this.#outageShown;
      this.#outageShown = false;
      return shown;
    }
    const now = this.nowMs();
    const last = this.#lastShownMs.get(event.type);
    if (last !== undefined && now - last < MIN_GAP_MS) return false;
    this.#lastShownMs.set(event.type, now);
    if (event.type === 'unreachable') this.#outageShown = true;
    return true;
  }
}
