import { describe, expect, it } from 'vitest';
import { exactDistribution, type SimBackend, type SimExperiment } from '@coldatom/simulator';
import { readVector } from '../../../test/support/vectors.js';

interface DeterministicCase {
  name: string;
  backend: SimBackend;
  payload: Record<string, SimExperiment>;
  expectedMemory: Record<string, string>;
  probability: number;
}

interface DistributionCase {
  name: string;
  backend: SimBackend;
  payload: Record<string, SimExperiment>;
  probabilities: Record<string, Record<string, number>>;
  tolerance: number;
}

describe('the reference semantics', () => {
  const deterministic = readVector<DeterministicCase[]>('semantics/deterministic.json');
  const distributions = readVector<DistributionCase[]>('semantics/distributions.json');

  it('reads every case of both semantics files', () => {
    expect(deterministic.length).toBe(16);
    expect(distributions.length).toBe(12);
  });

  for (const c of deterministic) {
    it(`${c.backend}: ${c.name} always measures its expected memory`, () => {
      for (const [name, experiment] of Object.entries(c.payload)) {
        const distribution = exactDistribution(c.backend, experiment);
        const expected = c.expectedMemory[name]!;
        expect(distribution[expected] ?? 0).toBeCloseTo(c.probability, 9);
      }
    });
  }

  for (const c of distributions) {
    it(`${c.backend}: ${c.name} has the reference distribution within ${c.tolerance}`, () => {
      for (const [name, experiment] of Object.entries(c.payload)) {
        const got = exactDistribution(c.backend, experiment);
        const want = c.probabilities[name]!;
        for (const key of new Set([...Object.keys(got), ...Object.keys(want)])) {
          expect(Math.abs((got[key] ?? 0) - (want[key] ?? 0)), `outcome "${key}"`).toBeLessThan(c.tolerance);
        }
      }
    });
  }
});
