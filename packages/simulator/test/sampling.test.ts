/**
 * Seeded shots are drawn by a cumulative search started from a guide table from the seeded
 * generator, so seeded memory never changes; unseeded shots by an alias table from a per-thread
 * xoshiro128**.
 * The frequencies must follow the exact distribution either way.
 */
import { describe, expect, it } from 'vitest';
import { exactDistribution, simulateExperiment, type SimExperiment } from '@coldatom/simulator';

const rydberg = (seed?: number): SimExperiment => ({
  instructions: [['rydberg_full', [0, 1, 2, 3, 4], [9.2, 1, 30]], ...[0, 1, 2, 3, 4].map((w) => ['measure', [w], []] as const)],
  shots: 200_000,
  num_wires: 5,
  wire_order: 'interleaved',
  ...(seed === undefined ? {} : { seed }),
});

function expectFrequencies(memory: readonly string[], exact: Record<string, number>): void {
  const counts: Record<string, number> = {};
  for (const m of memory) counts[m] = (counts[m] ?? 0) + 1;
  for (const key of new Set([...Object.keys(counts), ...Object.keys(exact)])) {
    const p = exact[key] ?? 0;
    const sigma = Math.sqrt((p * (1 - p)) / memory.length);
    expect(Math.abs((counts[key] ?? 0) / memory.length - p), key).toBeLessThanOrEqual(6 * sigma + 1e-5);
  }
}

describe('sampling', () => {
  it('draws unseeded shots with the exact frequencies, different on every run', () => {
    const exact = exactDistribution('rydberg', rydberg());
    const a = simulateExperiment('rydberg', rydberg()).memory;
    const b = simulateExperiment('rydberg', rydberg()).memory;
    expectFrequencies(a, exact);
    expectFrequencies(b, exact);
    expect(a.slice(0, 200)).not.toEqual(b.slice(0, 200));
  });

  it('draws seeded shots reproducibly, with the exact frequencies', () => {
    const exact = exactDistribution('rydberg', rydberg());
    const a = simulateExperiment('rydberg', rydberg(7)).memory;
    expect(simulateExperiment('rydberg', rydberg(7)).memory).toEqual(a);
    expectFrequencies(a, exact);
  });
});
