import { describe, expect, it } from 'vitest';
import { asciiPlot } from '../src/presentation/ascii-plot.js';
import { reportOf } from './support/reports.js';

describe('asciiPlot', () => {
  it('draws the mean versus the scan parameter with its range in the caption', () => {
    const plot = asciiPlot(
      reportOf(
        ['theta'],
        [0, 1, 2, 3].map((k) => ({ values: { theta: k / 2 }, memory: [String(k * 10)] })),
      ),
      { maxWidthColumns: 30 },
    );
    const lines = plot.split('\n');
    expect(lines.at(-1)).toBe('mean versus theta: 0 … 1.5 (4 points)');
    expect(lines[0]).toContain('30.00');
    expect(lines.at(-2)).toContain('0.00');
    // 4 points stretched to at most 30 columns of plot.
    expect(Math.max(...lines.slice(0, -1).map((l) => l.length))).toBeLessThanOrEqual(30 + 14);
  });

  it('names the series when several wires are measured, without colour codes off a terminal', () => {
    const plot = asciiPlot(
      reportOf(
        ['t'],
        [
          { values: { t: 0 }, memory: ['0 1'] },
          { values: { t: 1 }, memory: ['1 0'] },
        ],
        [1, 0],
      ),
    );
    expect(plot).toContain('series: wire 1, wire 0');
    expect(plot).not.toContain('\u001b[');
  });

  it('shades a heat map for a 2-parameter scan, rows by the second parameter', () => {
    const points = [0, 1].flatMap((a) => [0, 1].map((b) => ({ values: { a, b }, memory: [String(a + 2 * b)] })));
    const lines = asciiPlot(reportOf(['a', 'b'], points)).split('\n');
    expect(lines[0]).toContain('by b (rows) and a (columns)');
    // b = 1 first (top row): means 2 and 3 (the top of the scale); b = 0: means 0 (the bottom) and 1.
    expect(lines[1]).toBe('1 │**@@');
    expect(lines[2]).toBe('0 │..==');
  });

  it('is empty for a single point', () => {
    expect(asciiPlot(reportOf(['t'], [{ values: { t: 0 }, memory: ['1'] }]))).toBe('');
  });
});
