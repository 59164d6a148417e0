import {
  AuthError,
  BackendHttpError,
  JobRejectedError,
  NotFoundError,
  RateLimitError,
  RequestValidationError,
  ServerError,
  type RequestContext,
} from '../errors.js';
import { classifyBody } from '../protocol/error-body.js';
import { noneToNull } from '../protocol/status.js';
import type { HttpHeaders, HttpResponse } from '../internal/http.js';
import { redactSecrets } from '../internal/redact.js';

const EXCERPT_CHARS = 200;

/** The parsed JSON of a body, or a short excerpt of a non-JSON one (Django's HTML pages). */
export function parseBody(text: string): { readonly json: boolean; readonly value: unknown } {
  try {
    return { json: true, value: JSON.parse(text) as unknown };
  } catch {
    const excerpt = text.replace(/\s+/g, ' ').trim();
    return { json: false, value: excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS)}…` : excerpt };
  }
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(headers: HttpHeaders, nowMs = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * The typed error for a non-2xx answer (the status → class table of the README). A 406 with a
 * status body is NOT thrown for job status/result calls: callers handle it before coming here.
 */
export function httpError(response: HttpResponse, request: RequestContext, secrets: readonly (string | undefined)[] = []): BackendHttpError {
  // Servers echo what they were sent; a token must not ride along in an error body or message.
  const { value } = parseBody(redactSecrets(response.text, secrets));
  const kind = classifyBody(value);
  const { status } = response;
  const serverSays =
    kind.kind === 'status'
      ? `: ${noneToNull(kind.status.error_message) ?? noneToNull(kind.status.detail) ?? kind.status.status}`
      : kind.kind === 'ninja-detail'
        ? `: ${kind.body.detail}`
        : kind.kind === 'ninja-validation'
          ? `: ${kind.body.detail.map((d) => `${d.loc.join('.')} ${d.msg}`).join('; ')}`
          : '';
  const message = `Backend answered HTTP ${status} for ${request.method} ${request.url}${serverSays}`;
  const options = { status, body: value, request, retryAfterMs: retryAfterMs(response.headers) };
  if (status === 401 || status === 403) return new AuthError(message, options);
  if (status === 404) return new NotFoundError(message, options);
  if (status === 406 && kind.kind === 'status') {
    return new JobRejectedError(message, { ...options, detail: noneToNull(kind.status.detail), errorMessage: noneToNull(kind.status.error_message) });
  }
  if (status === 422 && kind.kind === 'ninja-validation') return new RequestValidationError(message, { ...options, issues: kind.body.detail });
  if (status === 429) return new RateLimitError(message, options);
  if (status >= 500) return new ServerError(message, options);
  return new BackendHttpError(message, options);
}
