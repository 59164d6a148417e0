import { describe, expect, it } from 'vitest';
import { packageName } from '@coldatom/core';
describe('workspace', () => { it('resolves sources', () => { expect(packageName).toBe('@coldatom/core'); }); });
