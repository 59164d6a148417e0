/** Issue 16 (8): the server compares tokens in constant time (SHA-256 digests, crypto.timingSafeEqual). */
import { describe, expect, it } from 'vitest';
import { TokenCheck } from '../src/server/token-check.js';
import { exchange, useRealNetwork } from './support/simulator-fixtures.js';
import { useSimulatorServer } from '../../../test/support/served.js';

useRealNetwork();

const TOKENS = ['alpha-token-1', 'ß-ünïcode-tøken', 'x'.repeat(500)];

describe('TokenCheck', () => {
  it('accepts exactly the given tokens, whatever their length or alphabet', () => {
    const check = new TokenCheck(TOKENS);
    for (const token of TOKENS) expect(check.accepts(token)).toBe(true);
  });

  it('refuses prefixes, extensions, case changes, the empty token and near misses of every length', () => {
    const check = new TokenCheck(TOKENS);
    for (const token of ['', 'alpha-token', 'alpha-token-12', 'ALPHA-TOKEN-1', 'alpha-token-2', 'x'.repeat(499), 'x'.repeat(501), 'ß-ünïcode-token'])
      expect(check.accepts(token)).toBe(false);
  });

  it('accepts nothing when given no token', () => {
    expect(new TokenCheck([]).accepts('anything')).toBe(false);
  });
});

describe('SimulatorServer token check', () => {
  const served = useSimulatorServer({ tokens: TOKENS });

  it('serves a v3 Bearer token and a v2 query token, and answers "Invalid credentials!" for a prefix of one', async () => {
    const good = await exchange(`${served.base}/api/v3/singlequdit/get_job_status?job_id=abc`, { headers: { authorization: `Bearer ${TOKENS[2]!}` } });
    expect(good.status).toBe(406); // past authentication: the unknown job id
    const v2 = await exchange(`${served.base}/api/v2/singlequdit/get_job_status?job_id=abc&token=${encodeURIComponent(TOKENS[1]!)}`);
    expect(v2.status).toBe(406);
    const prefix = await exchange(`${served.base}/api/v3/singlequdit/get_job_status?job_id=abc`, { headers: { authorization: 'Bearer alpha-token-' } });
    expect(prefix.status).toBe(401);
    expect(JSON.parse(prefix.text)).toMatchObject({ detail: 'Invalid credentials!' });
  });
});
