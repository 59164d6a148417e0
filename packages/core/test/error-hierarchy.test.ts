import { UnknownBackendError, referenceBackend } from '@coldatom/backend-config';
import { describe, expect, it } from 'vitest';
import { isColdAtomError } from '@coldatom/core';

describe('the error hierarchy across packages', () => {
  it("recognizes backend-config's errors as the toolkit's, though that package sits below core", () => {
    const error = (() => {
      try {
        referenceBackend('nosuchbackend');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnknownBackendError);
    expect(isColdAtomError(error)).toBe(true);
    expect((error as Error).message).toBe('Unknown reference backend "nosuchbackend"; known: singlequdit, multiqudit, fermions, rydberg, mot');
  });
});
