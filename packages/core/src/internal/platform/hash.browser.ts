/**
 * sha256 in browsers: noble's (audited, dependency-free), because WebCrypto's digest is async only
 * and the journal hashes synchronously. Same bytes in, same hex out as `node:crypto` in Node.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The sha256 (hex) of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
