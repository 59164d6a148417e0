import { describe, expect, it } from 'vitest';
import { measuredWires, seriesLabels, summarizePoint } from '../src/presentation/point-summary.js';
import { measuring } from './support/reports.js';

const result = (memory: string[]) => ({ header: { name: 'experiment_0' }, shots: memory.length, success: true, data: { memory } });

describe('summarizePoint', () => {
  it('computes the mean and the standard error (sample deviation / √shots) of each measured value', () => {
    const summary = summarizePoint({
      experiment: 'experiment_0',
      jobId: 'j',
      values: { t: 1 },
      input: measuring([1, 0]),
      result: result(['0 1', '1 1', '1 0', '0 0']),
    });
    expect(summary.mean).toEqual([0.5, 0.5]);
    // Four shots of 0,1,1,0: sample variance 1/3, standard error sqrt(1/3/4).
    expect(summary.standardError[0]).toBeCloseTo(Math.sqrt(1 / 12), 12);
    expect(summary.measuredWires).toEqual([1, 0]);
    expect(summary.decoded).toEqual([
      [0, 1],
      [1, 1],
      [1, 0],
      [0, 0],
    ]);
  });

  it('reports the most frequent memory string with its count', () => {
    const summary = summarizePoint({ experiment: 'experiment_0', jobId: 'j', values: {}, input: measuring([0]), result: result(['3', '7', '7', '2', '7']) });
    expect(summary.mostFrequent).toEqual({ outcome: '7', count: 3 });
    expect(summary.shots).toBe(5);
  });

  it('gives a standard error of 0 for a single shot and nothing at all without shots', () => {
    expect(summarizePoint({ experiment: 'e', jobId: 'j', values: {}, input: measuring([0]), result: result(['4']) }).standardError).toEqual([0]);
    const empty = summarizePoint({ experiment: 'e', jobId: 'j', values: {}, input: measuring([0]), result: result([]) });
    expect(empty.mean).toEqual([]);
    expect(empty.mostFrequent).toBeUndefined();
  });
});

describe('measuredWires', () => {
  it('follows the order of the measure instructions, not the wire order', () => {
    expect(measuredWires(measuring([3, 1, 2]), 3)).toEqual([3, 1, 2]);
  });

  it('keeps the last measurements when a single-qudit backend reports fewer values than measures', () => {
    expect(measuredWires(measuring([0, 0]), 1)).toEqual([0]);
  });

  it('reads measure without wires as wire 0 and numbers values when the input is unknown', () => {
    expect(measuredWires({ instructions: [['measure', [], []]], shots: 1, num_wires: 1, wire_order: 'interleaved' }, 1)).toEqual([0]);
    expect(measuredWires(undefined, 2)).toEqual([0, 1]);
  });
});

describe('seriesLabels', () => {
  it('names one series per measured wire and numbers repeated measurements of a wire', () => {
    const summary = summarizePoint({ experiment: 'e', jobId: 'j', values: {}, input: measuring([2, 0, 2]), result: result(['1 0 1']) });
    expect(seriesLabels([summary])).toEqual(['wire 2', 'wire 0', 'wire 2 (#2)']);
  });
});
