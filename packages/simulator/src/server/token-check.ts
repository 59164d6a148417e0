import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * The server's accepted tokens, compared in constant time: each token is kept as its SHA-256
 * digest and a presented token's digest is compared with every one of them by
 * `crypto.timingSafeEqual` (equal lengths by construction), without stopping at a match, so the
 * time taken tells nothing about how much of a token was right, nor which one matched.
 */
export class TokenCheck {
  readonly #digests: readonly Buffer[];

  constructor(tokens: Iterable<string>) {
    this.#digests = [...new Set(tokens)].map(digest);
  }

  /** Whether `token` is one of the accepted tokens. */
  accepts(token: string): boolean {
    const presented = digest(token);
    let accepted = false;
    for (const known of this.#digests) accepted = timingSafeEqual(presented, known) || accepted;
    return accepted;
  }
}
