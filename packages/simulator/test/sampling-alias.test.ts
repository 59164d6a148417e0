/**
 * Unseeded shots come from an alias table (one double per shot, column or alias chosen without a
 * branch): frequencies must follow the exact distribution for skewed distributions too (many
 * outcomes far below 1/n, one or two dominant), and a single outcome must take every shot.
 */
import { describe, expect, it } from 'vitest';
import { exactDistribution, simulateExperiment, type SimExperiment } from '@coldatom/simulator';

const singlequdit = (theta: number, shots: number): SimExperiment => ({
  instructions: [
    ['load', [0], [60]],
    ['rlx', [0], [theta]],
    ['measure', [0], []],
  ],
  shots,
  num_wires: 1,
  wire_order: 'interleaved',
});

function expectFrequencies(memory: readonly string[], exact: Record<string, number>): void {
  const counts: Record<string, number> = {};
  for (const m of memory) counts[m] = (counts[m] ?? 0) + 1;
  for (const key of new Set([...Object.keys(counts), ...Object.keys(exact)])) {
    const p = exact[key] ?? 0;
    expect(p, `${key} drawn but not in the distribution`).toBeGreaterThan(0);
    const sigma = Math.sqrt((p * (1 - p)) / memory.length);
    expect(Math.abs((counts[key] ?? 0) / memory.length - p), key).toBeLessThanOrEqual(6 * sigma + 1e-5);
  }
}

describe('unseeded sampling (alias table)', () => {
  it('follows skewed distributions of many outcomes', () => {
    for (const theta of [0.15, 0.9, 2.4]) {
      const experiment = singlequdit(theta, 300_000);
      expectFrequencies(simulateExperiment('singlequdit', experiment).memory, exactDistribution('singlequdit', experiment));
    }
  });

  it('gives every shot to a single outcome', () => {
    expect(new Set(simulateExperiment('singlequdit', singlequdit(0, 5000)).memory)).toEqual(new Set(['0']));
  });
});
