import { describe, expect, it } from 'vitest';
import { sha256Json } from '@coldatom/core';
import { sha256Hex as browserSha256 } from '../src/internal/platform/hash.browser.js';
import { sha256Hex as nodeSha256 } from '../src/internal/platform/hash.node.js';

// Node hashes with node:crypto, browsers with noble: a journal written by one must be read by the other.
describe('payload hashes', () => {
  const texts = ['', 'abc', '{"experiment_0":{"shots":3}}', 'ünïcødé ⚛ 𝜓', 'x'.repeat(100_000)];

  it('are the same sha256 on both platforms', () => {
    for (const text of texts) expect(nodeSha256(text)).toBe(browserSha256(text));
  });

  it('are the standard sha256 (FIPS 180-2 test vector)', () => {
    expect(nodeSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('do not depend on key order', () => {
    expect(sha256Json({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(sha256Json({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});
