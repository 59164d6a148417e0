import { ColdAtomError, type RequestContext } from '../errors.js';
import { redactParams } from '../internal/redact.js';
import type { JobPayload } from '../protocol/payload.js';

/**
 * The protocol generations a client meets (protocol.md §1.1): `v3` (Bearer), `v2` (token in body
 * and query), `v1` (username + password, JSON), `g1` (classic views: trailing slash, form POST,
 * `json=` query blob).
 */
export type Dialect = 'v3' | 'v2' | 'v1' | 'g1';

/** Credentials; which ones a dialect uses is in the dialect table of the README. */
export interface Credentials {
  readonly token?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
}

/** The four job endpoints plus the backend status. */
export type Endpoint = 'get_config' | 'get_backend_status' | 'post_job' | 'get_job_status' | 'get_job_result';

/** A parsed backend base URL. */
export interface BackendLocation {
  /** `https://host/api/v2` — what `/backends` hangs off (G1: `https://host/api`). */
  readonly apiRoot: string;
  /** The backend name segment, e.g. `singlequdit` or `alqor_singlequdit_simulator`. */
  readonly backend: string;
  readonly dialect: Dialect;
}

/**
 * A backend base URL or API root, read and normalised: the one reading of such URLs, behind
 * dialect detection, the CLI's saved tokens and its targets.
 */
export interface BackendUrl {
  /** Origin and path without trailing slashes, scheme and host lower-cased: `https://host/api/v3/singlequdit`. */
  readonly normalized: string;
  /** The scheme with its colon: `https:`. */
  readonly protocol: string;
  /** It carries a query (`?token=…`). */
  readonly hasQuery: boolean;
  /** It carries a fragment (`#…`). */
  readonly hasFragment: boolean;
  /** It carries `user:password@`. */
  readonly hasCredentials: boolean;
}

/** Reads a backend base URL or API root; a text that is no URL throws `ColdAtomError` with the parser's error as cause. */
export function readBackendUrl(text: string): BackendUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new ColdAtomError(`"${text}" is not a URL`, { cause });
  }
  return {
    normalized: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    protocol: url.protocol,
    hasQuery: url.search !== '',
    hasFragment: url.hash !== '',
    hasCredentials: url.username !== '' || url.password !== '',
  };
}

const VERSIONED = /^(.*\/api)\/(v[123])(?:_beta)?\/([^/]+)$/;
const CLASSIC = /^(.*\/api)\/([^/]+)$/;

/**
 * Reads a backend base URL, with or without the trailing slash a config `url` has; the dialect is
 * detected from the path unless given.
 */
export function parseBackendUrl(baseUrl: string, dialect?: Dialect): BackendLocation {
  let path: string;
  try {
    path = readBackendUrl(baseUrl).normalized;
  } catch (cause) {
    throw new ColdAtomError(`"${baseUrl}" is not a backend base URL (expected e.g. https://host/api/v3/singlequdit)`, { cause });
  }
  const [, root, version, versionedName] = VERSIONED.exec(path) ?? [];
  if (root !== undefined && version !== undefined && versionedName !== undefined) {
    return { apiRoot: `${root}/${version}`, backend: decodeURIComponent(versionedName), dialect: dialect ?? (version as Dialect) };
  }
  const [, classicRoot, classicName] = CLASSIC.exec(path) ?? [];
  if (classicRoot !== undefined && classicName !== undefined)
    return { apiRoot: classicRoot, backend: decodeURIComponent(classicName), dialect: dialect ?? 'g1' };
  throw new ColdAtomError(`"${baseUrl}" is not a backend base URL: expected …/api/v3/<backend>, …/api/v2/<backend>, …/api/v1/<backend> or …/api/<backend>`);
}

/** A request ready to send (before secrets are redacted for errors). */
export interface BuiltRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** `url` as errors and logs show it, secret query values replaced; built with the request, since parsing the URL again to redact it costs more than the rest of the request's own work. */
  readonly redactedUrl: string;
}

/** The request as errors and logs name it (its URL redacted). */
export function contextOf(request: BuiltRequest): RequestContext {
  return { method: request.method, url: request.redactedUrl };
}

/** Builds the exact request a dialect expects (protocol.md §1.3–1.6, vectors/requests). */
export function buildRequest(
  location: BackendLocation,
  endpoint: Endpoint,
  credentials: Credentials,
  input: { readonly jobId?: string; readonly payload?: JobPayload } = {},
): BuiltRequest {
  const { dialect } = location;
  const slash = dialect === 'g1' ? '/' : '';
  const base = `${location.apiRoot}/${encodeURIComponent(location.backend)}/${endpoint}${slash}`;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  const user = (): void => {
    query.set('username', credentials.username ?? '');
    query.set('password', credentials.password ?? '');
  };

  if (endpoint === 'post_job') {
    const payload = input.payload ?? {};
    const job = JSON.stringify(payload);
    if (dialect === 'g1') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const form = new URLSearchParams({ json: job, username: credentials.username ?? '', password: credentials.password ?? '' });
      return { method: 'POST', url: base, headers, body: form.toString(), redactedUrl: base };
    }
    headers['content-type'] = 'application/json';
    if (dialect === 'v3') {
      if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
      return { method: 'POST', url: base, headers, body: JSON.stringify({ payload }), redactedUrl: base };
    }
    const body =
      dialect === 'v2' ? { job, token: credentials.token ?? '' } : { job, username: credentials.username ?? '', password: credentials.password ?? '' };
    return { method: 'POST', url: base, headers, body: JSON.stringify(body), redactedUrl: base };
  }

  if (endpoint === 'get_job_status' || endpoint === 'get_job_result') {
    const jobId = input.jobId ?? '';
    if (dialect === 'g1') {
      query.set('json', JSON.stringify({ job_id: jobId }));
      user();
    } else {
      query.set('job_id', jobId);
      if (dialect === 'v2') query.set('token', credentials.token ?? '');
      if (dialect === 'v1') user();
      if (dialect === 'v3' && credentials.token) headers.authorization = `Bearer ${credentials.token}`;
    }
  } else if (dialect === 'g1') {
    user();
  }
  const search = query.toString();
  if (!search) return { method: 'GET', url: base, headers, redactedUrl: base };
  const url = `${base}?${search}`;
  const shown = new URLSearchParams(query);
  redactParams(shown);
  return { method: 'GET', url, headers, redactedUrl: `${base}?${shown.toString()}` };
}
