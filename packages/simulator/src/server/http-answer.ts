/**
 * The answers django-qlued gives besides its data, byte for byte: status-shaped JSON errors,
 * django-ninja's validation and auth bodies, and Django's generic HTML pages.
 */

/** An HTTP answer: what a route returns, and the server writes. */
export class HttpAnswer {
  constructor(
    readonly statusCode: number,
    /** A JSON value, or a string sent as text/html (Django's pages). */
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

/** A status-shaped error body (`{job_id: "None", status: "ERROR", detail, error_message}`). */
export function statusError(statusCode: number, detail: string, errorMessage = detail, headers: Readonly<Record<string, string>> = {}): HttpAnswer {
  return new HttpAnswer(statusCode, { job_id: 'None', status: 'ERROR', detail, error_message: errorMessage }, headers);
}

/** One django-ninja (pydantic) validation problem: `{type, loc, msg}`. */
export interface NinjaProblem {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
}

/** django-ninja's 422: `{"detail": [{type, loc, msg}, …]}`. */
export function ninjaValidation(problems: readonly NinjaProblem[]): HttpAnswer {
  return new HttpAnswer(422, { detail: problems });
}

/** A required field that is absent, where ninja reports it (`["query", "job_id"]`, `["body", "data", "token"]`). */
export function missingField(...loc: string[]): NinjaProblem {
  return { type: 'missing', loc, msg: 'Field required' };
}

/** django-ninja's 401 for a missing or non-Bearer Authorization header (not status-shaped). */
export const UNAUTHORIZED = new HttpAnswer(401, { detail: 'Unauthorized' });

/** The status-shaped 401 for a token the server does not know. */
export const INVALID_CREDENTIALS = statusError(401, 'Invalid credentials!');

/** django-ninja's 400 for a body that is not JSON. */
export const UNPARSABLE_BODY = new HttpAnswer(400, { detail: 'Cannot parse request body' });

/** Django's generic 404 page (unknown routes, including a trailing slash on a v2/v3 route). */
export const NOT_FOUND_PAGE = new HttpAnswer(
  404,
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n',
);

/** Django's generic 500 page. */
export const SERVER_ERROR_PAGE = new HttpAnswer(
  500,
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n',
);

/** Django's 405 for a route called with the wrong method. */
export function methodNotAllowed(allowed: string): HttpAnswer {
  return new HttpAnswer(405, 'Method not allowed', { allow: allowed });
}
