/**
 * Results keep their shots compact (distinct memory strings + one index per shot) from the worker
 * to the result store, so the serving thread never turns shots into strings when a job finishes.
 * The compact path must serve exactly the text the string path served.
 */
import { describe, expect, it } from 'vitest';
import { compactResult, compactResultPieces, memoryOfShots, storedResultOf, type CompactShots } from '../src/runner/compact-result.js';
import { pythonJsonPieces } from '../src/server/python-json.js';

const textOf = (shots: CompactShots[], backend: 'singlequdit' | 'fermions' | 'rydberg', names: string[], sliceShots?: number): [string, string] => {
  const experiments = names.map((name, i) => ({
    name,
    experiment: {
      shots: shots[i]!.picks?.length ?? shots[i]!.texts.length,
      instructions: [
        ['load', [0], [50]],
        ['rlx', [0], [0.1 * i]],
        ['rlz', [0], [1e-5]],
        ['measure', [0], []],
      ] as const,
    },
  }));
  const compact = compactResult(backend, 'job-1', experiments, shots);
  const viaStrings = [...pythonJsonPieces(storedResultOf(compact), { floatKeys: ['params'] })].join('');
  return [[...compactResultPieces(compact, sliceShots)].join(''), viaStrings];
};

describe('compact results', () => {
  it('serialise to the same text as their memory strings, on every backend shape', () => {
    const shots: CompactShots[] = [
      { texts: ['3', '0', '50'], picks: Uint32Array.of(0, 1, 1, 2, 0, 2, 2) },
      { texts: ['1 0 1', 'é "q" \\ \u0001'], picks: Uint32Array.of(1, 0, 1) },
      { texts: [], picks: new Uint32Array(0) },
      { texts: ['7', '8'], picks: null },
    ];
    for (const backend of ['singlequdit', 'fermions', 'rydberg'] as const) {
      const [compact, strings] = textOf(shots, backend, ['experiment_0', 'ünïcode "name"', 'e\u2028', 'last']);
      expect(compact).toBe(strings);
      if (backend !== 'fermions') expect(compact).toContain('[50.0]');
    }
  });

  it('write a long memory in slices, the same text whatever the slice', () => {
    const picks = new Uint32Array(20_000).map((_, s) => (s * 7919) % 3);
    const shots = [{ texts: ['0', '1', '2'], picks }];
    const [whole, strings] = textOf(shots, 'singlequdit', ['big']);
    expect(whole).toBe(strings);
    expect(textOf(shots, 'singlequdit', ['big'], 1000)[0]).toBe(strings);
    expect(memoryOfShots(shots[0]!)).toEqual(Array.from(picks, (p) => String(p)));
  });
});
