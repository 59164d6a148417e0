import nock from 'nock';
import { afterEach, expect } from 'vitest';

// Imported through setupFiles so that nock patches fetch before any module under test loads;
// only loopback may be reached for real (end-to-end tests talk to our simulator server).
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'every nock interceptor declared in a test is used by it').toEqual([]);
});
