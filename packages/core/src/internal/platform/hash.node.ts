/**
 * sha256 in Node: `node:crypto` (native), fetched on first use with `process.getBuiltinModule`
 * (Node ≥ 20.16): importing crypto loads streams and a dozen modules that `import('@coldatom/core')`
 * should not pay for.
 */
let crypto: typeof import('node:crypto') | undefined;

/** The sha256 (hex) of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
