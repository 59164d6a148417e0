/** The payload shapes of issue 12, exactly as written there (experiment k, 1000 shots, interleaved). */
import type { JobPayload } from '@coldatom/core';

type Instruction = [string, number[], number[]];

const measure = (wires: readonly number[]): Instruction[] => wires.map((w) => ['measure', [w], []]);

function payloadOf(points: number, numWires: number, instructions: (k: number) => Instruction[]): JobPayload {
  return Object.fromEntries(
    Array.from({ length: points }, (_, k) => [
      `experiment_${k}`,
      { instructions: instructions(k), shots: 1000, num_wires: numWires, wire_order: 'interleaved' },
    ]),
  ) as JobPayload;
}

/** `load [0] N`, `rlx [0] πk/(points−1)`, `rlz2 [0] 0.02`, `rlx [0] 0.3`, `measure [0]`. */
export const singlequditScan = (atoms = 500, points = 100): JobPayload =>
  payloadOf(points, 1, (k) => [
    ['load', [0], [atoms]],
    ['rlx', [0], [(Math.PI * k) / (points - 1)]],
    ['rlz2', [0], [0.02]],
    ['rlx', [0], [0.3]],
    ['measure', [0], []],
  ]);

/** 3 wires × N atoms: rlx 0.7 on each, rlzlz/rlxly j on [0,1] and [1,2], j = 0.1 + 0.05k. */
export const multiquditScan = (atoms = 15, points = 10): JobPayload =>
  payloadOf(points, 3, (k) => {
    const j = 0.1 + 0.05 * k;
    return [
      ['load', [0], [atoms]],
      ['load', [1], [atoms]],
      ['load', [2], [atoms]],
      ['rlx', [0], [0.7]],
      ['rlx', [1], [0.7]],
      ['rlx', [2], [0.7]],
      ['rlzlz', [0, 1], [j]],
      ['rlzlz', [1, 2], [j]],
      ['rlxly', [0, 1], [j]],
      ['rlxly', [1, 2], [j]],
      ...measure([0, 1, 2]),
    ];
  });

/** 8 modes, loads on 0, 1, 4, 7; 20 layers of fhop [0–3] or [2–5] θ/4, fhop [4–7] 0.3, fint 0.5; θ = 2πk/20. */
export const fermionScan = (points = 20): JobPayload =>
  payloadOf(points, 8, (k) => {
    const theta = (2 * Math.PI * k) / 20;
    const layers = Array.from({ length: 20 }, (_, l): Instruction[] => [
      ['fhop', l % 2 === 0 ? [0, 1, 2, 3] : [2, 3, 4, 5], [theta / 4]],
      ['fhop', [4, 5, 6, 7], [0.3]],
      ['fint', [0, 1, 2, 3, 4, 5, 6, 7], [0.5]],
    ]).flat();
    return [['load', [0], []], ['load', [1], []], ['load', [4], []], ['load', [7], []], ...layers, ...measure([0, 1, 2, 3, 4, 5, 6, 7])];
  });

/** 5 wires: rydberg_full [0…4] (20k/50, 1.0, 30.0). */
export const rydbergScan = (points = 50): JobPayload =>
  payloadOf(points, 5, (k) => [['rydberg_full', [0, 1, 2, 3, 4], [(20 * k) / 50, 1.0, 30.0]], ...measure([0, 1, 2, 3, 4])]);

/** multiqudit_full (0.3, 0.2, 0.01, 0.1, 0.05) on 3 wires × N atoms (dimension (N+1)³). */
export const multiquditFull = (atoms = 15): JobPayload =>
  payloadOf(1, 3, () => [
    ['load', [0], [atoms]],
    ['load', [1], [atoms]],
    ['load', [2], [atoms]],
    ['multiqudit_full', [0, 1, 2], [0.3, 0.2, 0.01, 0.1, 0.05]],
    ...measure([0, 1, 2]),
  ]);

/** A one-experiment job: 10 atoms, one rlx, 10 shots. */
export const tinyJob = (): JobPayload =>
  payloadOf(1, 1, () => [
    ['load', [0], [10]],
    ['rlx', [0], [1.1]],
    ['measure', [0], []],
  ]);
