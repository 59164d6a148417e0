import { describe, expect, it } from 'vitest';
import { exactDistribution, sampleMemory, simulateExperiment, SimulationError, type SimExperiment } from '@coldatom/simulator';

const exp = (instructions: SimExperiment['instructions'], numWires = 1, shots = 100): SimExperiment => ({
  instructions,
  shots,
  num_wires: numWires,
  wire_order: 'interleaved',
});
const binomial = (n: number, k: number): number => {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
};

describe('closed forms', () => {
  it('collective rlx(θ) on N atoms gives the binomial distribution', () => {
    for (const [atoms, theta] of [
      [10, 0.7],
      [50, 2.1],
      [500, 1.3],
    ] as const) {
      const got = exactDistribution(
        'singlequdit',
        exp([
          ['load', [0], [atoms]],
          ['rlx', [0], [theta]],
          ['measure', [0], []],
        ]),
      );
      const p = Math.sin(theta / 2) ** 2;
      for (const k of [0, 1, Math.floor(atoms * p), atoms]) {
        const want = binomial(atoms, k) * p ** k * (1 - p) ** (atoms - k);
        if (want > 1e-12) expect(got[String(k)] ?? 0).toBeCloseTo(want, 10);
      }
    }
  });

  it('rlz2 one-axis twisting matches a dense matrix exponential on small N', () => {
    const atoms = 6;
    const [theta, chi] = [Math.PI / 2, 0.9];
    const got = exactDistribution(
      'singlequdit',
      exp([
        ['load', [0], [atoms]],
        ['rlx', [0], [theta]],
        ['rlz2', [0], [chi]],
        ['rlx', [0], [theta]],
        ['measure', [0], []],
      ]),
    );
    const l = atoms / 2;
    const size = atoms + 1;
    const lx = Array.from({ length: size }, (_, i) =>
      Array.from({ length: size }, (__, j) => (Math.abs(i - j) === 1 ? Math.sqrt(l * (l + 1) - (l - Math.min(i, j)) * (l - Math.min(i, j) - 1)) / 2 : 0)),
    );
    const lz2 = lx.map((r, i) => r.map((_, j) => (i === j ? (l - i) ** 2 : 0)));
    const evolve = (h: number[][], t: number, psi: [number, number][]): [number, number][] => {
      const out: [number, number][] = psi.map(() => [0, 0]);
      for (let c = 0; c < size; c++) {
        denseEvolveColumn(h, t, c).forEach(([re, im], i) => {
          out[i]![0] += re * psi[c]![0] - im * psi[c]![1];
          out[i]![1] += re * psi[c]![1] + im * psi[c]![0];
        });
      }
      return out;
    };
    let psi: [number, number][] = Array.from({ length: size }, (_, i) => [i === 0 ? 1 : 0, 0]);
    psi = evolve(lx, theta, psi);
    psi = evolve(lz2, chi, psi);
    psi = evolve(lx, theta, psi);
    for (const [k, [re, im]] of psi.entries()) expect(got[String(k)] ?? 0).toBeCloseTo(re * re + im * im, 10);
  });

  it('drives a Rabi oscillation on one Rydberg atom and blocks double excitation of neighbours', () => {
    for (const omega of [0.3, 1.7, Math.PI]) {
      const got = exactDistribution(
        'rydberg',
        exp([
          ['rlx', [0], [omega]],
          ['measure', [0], []],
        ]),
      );
      expect(got['1'] ?? 0).toBeCloseTo(Math.sin(omega / 2) ** 2, 12);
    }
    // A strong rydberg_full drive with a huge blockade never excites both neighbours.
    const blocked = exactDistribution(
      'rydberg',
      exp(
        [
          ['rydberg_full', [0, 1, 2, 3, 4], [Math.PI / Math.SQRT2, 0, 2000]],
          ['measure', [0], []],
          ['measure', [1], []],
        ],
        2,
      ),
    );
    expect(blocked['1 1'] ?? 0).toBeLessThan(1e-4);
    expect((blocked['1 0'] ?? 0) + (blocked['0 1'] ?? 0)).toBeGreaterThan(0.99);
  });

  it('moves one fermion between two tweezers as cos²θ / sin²θ', () => {
    for (const theta of [0.2, 0.9, 1.4]) {
      const got = exactDistribution('fermions', {
        ...exp(
          [
            ['load', [0], []],
            ['fhop', [0, 1, 2, 3], [theta]],
            ['measure', [0], []],
            ['measure', [2], []],
          ],
          8,
        ),
      });
      expect(got['1 0'] ?? 0).toBeCloseTo(Math.cos(theta) ** 2, 12);
      expect(got['0 1'] ?? 0).toBeCloseTo(Math.sin(theta) ** 2, 12);
    }
  });

  it('fails a fermion mode loaded twice with the reference message', () => {
    expect(() =>
      exactDistribution(
        'fermions',
        exp(
          [
            ['load', [0], []],
            ['load', [0], []],
            ['measure', [0], []],
          ],
          8,
        ),
      ),
    ).toThrow(new SimulationError('probabilities do not sum to 1'));
  });

  it('applies multiqudit loads before any gate and ignores the 5-wire rlzlz', () => {
    const late = exactDistribution(
      'multiqudit',
      exp([
        ['rlx', [0], [Math.PI]],
        ['load', [0], [7]],
        ['measure', [0], []],
      ]),
    );
    expect(late['7']).toBeCloseTo(1, 12);
    const noop = exactDistribution(
      'multiqudit',
      exp(
        [
          ['rlx', [0], [Math.PI / 2]],
          ['rlzlz', [0, 1, 2, 3, 4], [3]],
          ['rlx', [0], [Math.PI / 2]],
          ['measure', [0], []],
        ],
        5,
      ),
    );
    expect(noop['1']).toBeCloseTo(1, 12);
  });

  it('stays normalized under the largest allowed sq_full parameters', () => {
    const got = exactDistribution(
      'singlequdit',
      exp([
        ['load', [0], [100]],
        ['sq_full', [0], [5e6 * Math.PI, 3e6, 1e6]],
        ['measure', [0], []],
      ]),
    );
    expect(Object.values(got).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('evolves a multiqudit space too large for a dense decomposition (Krylov path) exactly', () => {
    // Without couplings the wires are independent: wire 0 must match singlequdit's exact sq_full.
    const [omega, delta, chi] = [0.4, 0.2, 0.05];
    const big = exactDistribution(
      'multiqudit',
      exp(
        [
          ['load', [0], [15]],
          ['load', [1], [15]],
          ['load', [2], [3]],
          ['multiqudit_full', [0, 1, 2], [omega, delta, chi, 0, 0]],
          ['measure', [0], []],
        ],
        3,
      ),
    );
    const single = exactDistribution(
      'singlequdit',
      exp([
        ['load', [0], [15]],
        ['sq_full', [0], [omega, delta, chi]],
        ['measure', [0], []],
      ]),
    );
    for (const key of Object.keys(single)) expect(big[key] ?? 0).toBeCloseTo(single[key]!, 10);
  });
});

/** Column c of exp(−iθH) as complex pairs, by a dense Taylor series in small steps: an independent reference. */
function denseEvolveColumn(h: number[][], theta: number, c: number): [number, number][] {
  const n = h.length;
  const perm = Array.from({ length: n }, (_, i) => (i === 0 ? c : i === c ? 0 : i));
  const hp = perm.map((i) => perm.map((j) => h[i]![j]!));
  const col = denseEvolveGroundComplex(hp, theta);
  const out: [number, number][] = new Array(n);
  for (const [i, orig] of perm.entries()) out[orig] = col[i]!;
  return out;
}

function denseEvolveGroundComplex(h: number[][], theta: number): [number, number][] {
  const n = h.length;
  const steps = Math.max(1, Math.ceil(Math.max(...h.map((r) => r.reduce((s, x) => s + Math.abs(x), 0))) * Math.abs(theta) * 4));
  const dt = theta / steps;
  let psi: [number, number][] = Array.from({ length: n }, (_, i) => [i === 0 ? 1 : 0, 0]);
  for (let s = 0; s < steps; s++) {
    let term = psi.map((x) => [...x] as [number, number]);
    const next = psi.map((x) => [...x] as [number, number]);
    for (let k = 1; k < 25; k++) {
      term = h.map((row) => row.reduce<[number, number]>((acc, x, j) => [acc[0] + x * term[j]![1] * (dt / k), acc[1] - x * term[j]![0] * (dt / k)], [0, 0]));
      term.forEach(([re, im], i) => {
        next[i]![0] += re;
        next[i]![1] += im;
      });
    }
    psi = next;
  }
  return psi;
}

describe('sampling', () => {
  it('is reproducible with a seed and differs across seeds', () => {
    const distribution = { '0': 0.25, '1': 0.5, '2': 0.25 };
    expect(sampleMemory(distribution, 50, 7)).toEqual(sampleMemory(distribution, 50, 7));
    expect(sampleMemory(distribution, 50, 7)).not.toEqual(sampleMemory(distribution, 50, 8));
  });

  it('passes a chi-square goodness-of-fit test at a fixed seed', () => {
    const experiment = {
      ...exp(
        [
          ['load', [0], [6]],
          ['rlx', [0], [1.2]],
          ['measure', [0], []],
        ],
        1,
        20_000,
      ),
      seed: 20240809,
    };
    const distribution = exactDistribution('singlequdit', experiment);
    const { memory } = simulateExperiment('singlequdit', experiment);
    const counts = new Map<string, number>();
    for (const m of memory) counts.set(m, (counts.get(m) ?? 0) + 1);
    const bins = Object.entries(distribution).filter(([, p]) => p * experiment.shots >= 5);
    const chi2 = bins.reduce((s, [k, p]) => s + ((counts.get(k) ?? 0) - p * experiment.shots) ** 2 / (p * experiment.shots), 0);
    // 99.9th percentile of chi-square with (bins − 1) ≤ 6 degrees of freedom is 22.46.
    expect(bins.length - 1).toBeLessThanOrEqual(6);
    expect(chi2).toBeLessThan(22.46);
  });

  it('returns empty memory when nothing is measured', () => {
    expect(simulateExperiment('rydberg', exp([['rlx', [0], [1]]], 1, 10)).memory).toEqual([]);
  });
});
