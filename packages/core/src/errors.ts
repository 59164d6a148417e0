import { redactUrl, redactValue } from './internal/redact.js';

/** What an error knows about the request that caused it; secrets are already redacted. */
export interface RequestContext {
  readonly method: string;
  /** The request URL with token/password query values redacted. */
  readonly url: string;
}

/** Options accepted by every error of the hierarchy. */
export interface ColdAtomErrorOptions {
  readonly cause?: unknown;
  readonly request?: RequestContext;
}

/**
 * The base of every error this toolkit throws. Branch on the subclasses, or on `name` across
 * realms with {@link isColdAtomError}.
 */
export class ColdAtomError extends Error {
  override readonly name: string = 'ColdAtomError';
  /** HTTP method of the request involved, when there was one. */
  readonly method: string | undefined;
  /** URL of the request involved (secrets redacted), when there was one. */
  readonly url: string | undefined;

  constructor(message: string, options: ColdAtomErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.method = options.request?.method;
    this.url = options.request === undefined ? undefined : redactUrl(options.request.url);
  }

  /** Marker that survives duplicated package copies and realms. */
  get isColdAtomError(): true {
    return true;
  }

  /** A JSON form with no secrets: `JSON.stringify(err)` is safe to log. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) out[key] = redactValue(value);
    return out;
  }
}

/** True for any error of this toolkit, even from another copy of the package. */
export function isColdAtomError(error: unknown): error is ColdAtomError {
  return error instanceof ColdAtomError || (error instanceof Error && (error as { isColdAtomError?: unknown }).isColdAtomError === true);
}

/** Options of errors that carry an HTTP response. */
export interface HttpErrorOptions extends ColdAtomErrorOptions {
  readonly status: number;
  /** The parsed JSON body, or a short text excerpt when the body was not JSON. */
  readonly body: unknown;
  /** From the answer's `Retry-After` header, when it had one. */
  readonly retryAfterMs?: number | undefined;
}

/** A backend answered with an HTTP status outside 2xx. Subclasses exist where callers branch. */
export class BackendHttpError extends ColdAtomError {
  override readonly name: string = 'BackendHttpError';
  /** The HTTP status code. */
  readonly status: number;
  /** The parsed body (secrets redacted), or a short text excerpt of a non-JSON body. */
  readonly body: unknown;
  /** How long the server asked us to wait (`Retry-After`: 429, or a 503 shedding load); undefined when it did not say. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: HttpErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.body = redactValue(options.body);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** 401/403: the token (or username/password) was refused or missing. */
export class AuthError extends BackendHttpError {
  override readonly name = 'AuthError' as const;
}

/** 404: unknown backend (or route); on G1 also an unknown job. */
export class NotFoundError extends BackendHttpError {
  override readonly name = 'NotFoundError' as const;
}

/** 406 with a status body: the server refused the job or the job id (its `detail`/`error_message` kept). */
export class JobRejectedError extends BackendHttpError {
  override readonly name = 'JobRejectedError' as const;
  /** The server's `detail` text (`"None"` → null). */
  readonly detail: string | null;
  /** The server's `error_message` text (`"None"` → null). */
  readonly errorMessage: string | null;

  constructor(message: string, options: HttpErrorOptions & { readonly detail: string | null; readonly errorMessage: string | null }) {
    super(message, options);
    this.detail = options.detail;
    this.errorMessage = options.errorMessage;
  }
}

/** One problem of a django-ninja 422 body. */
export interface RequestValidationIssue {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
}

/** 422: django-ninja rejected the request's parameters; `issues` keeps its `detail` list. */
export class RequestValidationError extends BackendHttpError {
  override readonly name = 'RequestValidationError' as const;
  readonly issues: readonly RequestValidationIssue[];

  constructor(message: string, options: HttpErrorOptions & { readonly issues: readonly RequestValidationIssue[] }) {
    super(message, options);
    this.issues = options.issues;
  }
}

/** 429: too many requests (`retryAfterMs` when the server said how long to wait). */
export class RateLimitError extends BackendHttpError {
  override readonly name = 'RateLimitError' as const;
}

/** 5xx: the server failed; a non-JSON body (Django's HTML page) is kept as a short text excerpt. */
export class ServerError extends BackendHttpError {
  override readonly name = 'ServerError' as const;
}

/** The request never got an HTTP answer (connection refused, DNS failure, reset). */
export class NetworkError extends ColdAtomError {
  override readonly name = 'NetworkError' as const;
  /** True when the request provably never reached the server (connection refused, DNS failure). */
  readonly notSent: boolean;

  constructor(message: string, options: ColdAtomErrorOptions & { readonly notSent: boolean }) {
    super(message, options);
    this.notSent = options.notSent;
  }
}

/** The request's total deadline passed (headers or body). */
export class TimeoutError extends ColdAtomError {
  override readonly name = 'TimeoutError' as const;
  readonly timeoutMs: number;

  constructor(message: string, options: ColdAtomErrorOptions & { readonly timeoutMs: number }) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
  }
}

/** The caller aborted (its `signal` fired). */
export class AbortError extends ColdAtomError {
  override readonly name = 'AbortError' as const;
}

/** A 2xx body matched no schema of the protocol. */
export class ProtocolError extends ColdAtomError {
  override readonly name = 'ProtocolError' as const;
  /** The body that did not match (secrets redacted). */
  readonly body: unknown;

  constructor(message: string, options: ColdAtomErrorOptions & { readonly body: unknown }) {
    super(message, options);
    this.body = redactValue(options.body);
  }
}

/** A job's status ended in ERROR on its server; carries the server's texts. See the two kinds below. */
abstract class JobEndedInErrorBase extends ColdAtomError {
  readonly jobId: string;
  readonly detail: string | null;
  readonly errorMessage: string | null;

  constructor(message: string, jobId: string, detail: string | null, errorMessage: string | null, options: ColdAtomErrorOptions) {
    super(message, options);
    this.jobId = jobId;
    this.detail = detail;
    this.errorMessage = errorMessage;
  }
}

/** A job ended in ERROR; carries the server's texts. */
export class JobFailedError extends JobEndedInErrorBase {
  override readonly name = 'JobFailedError' as const;

  constructor(jobId: string, detail: string | null, errorMessage: string | null, options: ColdAtomErrorOptions = {}) {
    super(`Job ${jobId} failed: ${errorMessage ?? detail ?? 'the server gave no reason'}`, jobId, detail, errorMessage, options);
  }
}

/**
 * The server no longer knows the job: it answers "Missing status file" (or, on older servers, "Maybe
 * invalid JOB ID!") for an id it once accepted, after a restart that lost its storage or an eviction.
 * Not a failure of the experiment: nothing ran wrong, the record is gone. Submit the payload again
 * (the journal keeps it) if its result is still wanted.
 */
export class JobLostError extends JobEndedInErrorBase {
  override readonly name = 'JobLostError' as const;

  constructor(jobId: string, detail: string | null, errorMessage: string | null, options: ColdAtomErrorOptions = {}) {
    super(
      `Job ${jobId} is unknown to the server (${errorMessage ?? detail ?? 'no status'}): it was lost there (a restart or an eviction), not failed. Its payload is in the journal; submit it again if the result is still wanted`,
      jobId,
      detail,
      errorMessage,
      options,
    );
  }
}

/**
 * Polling a job kept failing with transient errors (refused or reset connections, timeouts, 5xx,
 * HTML or malformed bodies) for longer than the outage tolerance. The job itself is untouched on
 * the server: follow it again once the server is back (`backend.retrieve(id)`, or resume the journal).
 */
export class JobUnreachableError extends ColdAtomError {
  override readonly name = 'JobUnreachableError' as const;
  readonly jobId: string;
  /** How long the server had been unreachable when polling gave up. @unit milliseconds */
  readonly unreachableForMs: number;

  constructor(jobId: string, unreachableForMs: number, options: ColdAtomErrorOptions = {}) {
    const last = options.cause instanceof Error ? ` (last error: ${options.cause.message})` : '';
    super(
      `Gave up following job ${jobId} after ${Math.round(unreachableForMs / 1000)} s without an answer${last}. The job stays on the server; follow it again once the server is back`,
      options,
    );
    this.jobId = jobId;
    this.unreachableForMs = unreachableForMs;
  }
}
