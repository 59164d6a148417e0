import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';

/**
 * Takes nock out of the way for a test file that talks real HTTP on 127.0.0.1. nock 15's fetch
 * interception breaks pass-through requests with a body ("TypeError: unusable" on Node 20), so
 * POSTs to a loopback server only work with the interceptor removed.
 */
export function useRealNetwork(): void {
  beforeAll(() => {
    nock.restore();
  });
  afterAll(() => {
    nock.activate();
  });
}
