/**
 * A name that is not a reference backend. backend-config is the bottom layer and cannot import
 * core's `ColdAtomError`; the error carries the hierarchy's marker instead, so core's
 * `isColdAtomError` (which the CLI and users branch on) recognizes it like any other.
 */
export class UnknownBackendError extends Error {
  override readonly name = 'UnknownBackendError' as const;
  /** The name asked for. */
  readonly backend: string;

  constructor(backend: string, known: readonly string[]) {
    super(`Unknown reference backend "${backend}"; known: ${known.join(', ')}`);
    this.backend = backend;
  }

  /** The marker `isColdAtomError` recognizes across packages and realms. */
  get isColdAtomError(): true {
    return true;
  }
}
