import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, pathDeeperThan } from '@coldatom/backend-config';

describe('pathDeeperThan', () => {
  it('names the first container nested deeper than the limit, by keys and indices', () => {
    expect(pathDeeperThan({ a: 1, b: [[2]] }, 1)).toEqual(['b']);
    expect(pathDeeperThan({ a: { b: { c: 1 } } }, 2)).toEqual(['a', 'b']);
    expect(pathDeeperThan([0, [1, [2]]], 2)).toEqual([1, 1]);
  });

  it('passes values within the limit, and scalars', () => {
    expect(pathDeeperThan({ a: [1, { b: 2 }] }, 3)).toBeUndefined();
    expect(pathDeeperThan(7, 0)).toBeUndefined();
    expect(pathDeeperThan({}, 0)).toEqual([]);
  });

  it('walks 10⁵ levels without recursion, stopping at the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(pathDeeperThan(deep)).toHaveLength(MAX_JSON_DEPTH);
  });
});
