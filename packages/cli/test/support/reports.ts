import type { Experiment } from '@coldatom/core';
import { summarizePoint } from '../../src/presentation/point-summary.js';
import type { ScanReport } from '../../src/presentation/scan-report.js';

/** An experiment measuring the given wires in order. */
export function measuring(wires: readonly number[]): Experiment {
  return {
    instructions: [['load', [0], [5]], ...wires.map((w): [string, number[], number[]] => ['measure', [w], []])],
    shots: 4,
    num_wires: Math.max(1, ...wires.map((w) => w + 1)),
    wire_order: 'interleaved',
  };
}

/** A report over scan points, each given by its scan values and memory. */
export function reportOf(
  parameters: readonly string[],
  points: readonly { readonly values: Record<string, number>; readonly memory: readonly string[] }[],
  wires: readonly number[] = [0],
): ScanReport {
  return {
    spec: 'demo',
    target: 'local:multiqudit',
    configHash: 'abc123',
    parameters,
    points: points.map((p, i) =>
      summarizePoint({
        experiment: `experiment_${i}`,
        jobId: i < 2 ? 'job-a' : 'job-b',
        values: p.values,
        input: measuring(wires),
        result: { header: { name: `experiment_${i}` }, shots: p.memory.length, success: true, data: { memory: [...p.memory] } },
      }),
    ),
  };
}
