// sha256 from the platform's `#hash` module: node:crypto in Node, noble in browsers (synchronous
// in both; WebCrypto's digest is async only).
import { sha256Hex } from '#hash';

export { sha256Hex };

/**
 * Canonical JSON (RFC 8785, JCS): object keys sorted by UTF-16 code units, no whitespace, numbers
 * and strings as `JSON.stringify` writes them (which is exactly the form JCS prescribes).
 * Hand-written: what we hash is plain JSON (zod-parsed payloads, configs, results: no cycles, dates
 * or `toJSON`), for which JCS is these dozen lines; the npm packages add engine constraints for no gain.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The sha256 (hex) of a value's canonical JSON: equal for equal content whatever the key order, so
 * a payload hashed by the client and one re-parsed by a server (or a test stub) agree.
 */
export function sha256Json(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
