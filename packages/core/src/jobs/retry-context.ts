import { AsyncLocalStorage } from 'node:async_hooks';
import type { RetryEvent } from '../transport/send.js';

/**
 * Which job a transport retry belongs to. A transport reports retries through one backend-wide
 * `onRetry` callback; the job layer runs each of its requests inside an async context naming the
 * listener, so the callback can be routed to the job whose request is being retried without the
 * transport knowing about jobs.
 */
const listeners = new AsyncLocalStorage<(event: RetryEvent) => void>();

/** Runs a request with `listener` receiving the retries reported while it is under way. */
export function withRetryListener<T>(listener: (event: RetryEvent) => void, request: () => Promise<T>): Promise<T> {
  return listeners.run(listener, request);
}

/**
 * An `onRetry` callback for a transport (`RemoteBackendOptions.onRetry`): hands each retry to the
 * job whose request it is, which shows it as a `retry` event and, for HTTP 429, slows the whole
 * backend's polling. Retries of requests made outside the job layer are ignored.
 *
 * @example
 * const transport = new RemoteBackend(url, { token, onRetry: routeRetryToJobs });
 * const backend = withJobs(transport);
 */
export function routeRetryToJobs(event: RetryEvent): void {
  listeners.getStore()?.(event);
}
