/**
 * Secret redaction for anything that may be shown or stored: URLs, bodies, messages.
 * Tokens are opaque bearer secrets (protocol.md §7), so every place a token can travel is covered:
 * the `token`, `api_token` and `password` query/body fields, the G1 `json=` form field is left alone
 * (it carries a payload), and `Authorization` headers.
 */
const SECRET_KEYS = new Set(['token', 'api_token', 'password', 'authorization', 'access_token']);
const REDACTED = '[REDACTED]';

/** True for field names that carry credentials. */
function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/** Replaces the values of secret fields in `params`, in place; true when there were any. */
export function redactParams(params: URLSearchParams): boolean {
  let changed = false;
  for (const key of [...params.keys()]) {
    if (isSecretKey(key)) {
      params.set(key, REDACTED);
      changed = true;
    }
  }
  return changed;
}

/** Replaces secret query values in a URL string; a string that is not a URL is returned as is. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = redactParams(parsed.searchParams);
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
    changed = true;
  }
  return changed ? parsed.toString() : url;
}

/** Deep copy of a JSON-like value with secret fields replaced. */
export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = isSecretKey(key) ? REDACTED : redactValue(inner);
    return out;
  }
  return value;
}

/** Removes every occurrence of the given secrets from a text (for messages built from server echoes). */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
