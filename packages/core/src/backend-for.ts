import type { BackendTransport } from './backend.js';
import { ColdAtomError } from './errors.js';
import { withJobs, type JobsBackend, type JobsOptions } from './jobs/with-jobs.js';
import { RemoteBackend, type RemoteBackendOptions } from './transport/remote-backend.js';

/** Options of {@link backendFor}: the transport's and the job layer's. */
export interface BackendForOptions extends RemoteBackendOptions {
  /** Polling, handle defaults and the journal. */
  readonly jobs?: JobsOptions;
}

/** Makes a backend for `<scheme>:<name>` targets (e.g. `local:singlequdit`). */
export type BackendFactory = (name: string, options: RemoteBackendOptions) => BackendTransport;

const schemes = new Map<string, BackendFactory>();

/**
 * Registers a target scheme; `@coldatom/simulator` registers `local` when imported, so core never
 * depends on the simulator.
 */
export function registerBackendScheme(scheme: string, factory: BackendFactory): void {
  schemes.set(scheme, factory);
}

/**
 * The backend for a target: a backend base URL (any dialect, see {@link RemoteBackend}) or
 * `local:<name>` (our simulator). Swapping a lab for the simulator is a change of this string.
 *
 * @example
 * const backend = backendFor('https://qlued.alqor.io/api/v3/singlequdit', { token });
 * const local = backendFor('local:singlequdit');
 */
export function backendFor(target: string, options: BackendForOptions = {}): JobsBackend {
  // Each transport retry also reaches the job whose request caused it (its `retry` event) through
  // the request's own `onRetry`, which the job layer sets.
  return withJobs(transportFor(target, options), options.jobs);
}

/** The protocol operations for a target, without the job layer. */
export function transportFor(target: string, options: RemoteBackendOptions = {}): BackendTransport {
  const [, name, rest] = /^([a-z][a-z0-9+.-]*):(?!\/\/)(.+)$/i.exec(target) ?? [];
  if (name !== undefined && rest !== undefined) {
    const factory = schemes.get(name.toLowerCase());
    if (!factory) {
      const hint = name === 'local' ? `; import '@coldatom/simulator' once to register local backends` : '';
      throw new ColdAtomError(`No backend scheme "${name}" is registered for target "${target}"${hint}`);
    }
    return factory(rest, options);
  }
  return new RemoteBackend(target, options);
}
