import type { RetryEvent } from '../transport/send.js';

/**
 * Kept for code written against 0.1, where a transport's backend-wide `onRetry` had to be routed to
 * jobs through an async context (Node's AsyncLocalStorage, which browsers do not have). The job
 * layer now hands each request its own `onRetry` (`RequestOptions.onRetry`), so every transport
 * routes retries to the right job by itself, on every platform, and this does nothing.
 *
 * @deprecated Not needed: drop `onRetry: routeRetryToJobs` from transport options.
 */
export function routeRetryToJobs(_event: RetryEvent): void {}
