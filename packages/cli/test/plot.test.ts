import { describe, expect, it } from 'vitest';
import { plotSpec, renderPlot } from '../src/presentation/plot.js';
import { reportOf } from './support/reports.js';
import { countRole, legendLabels, lineSeriesLabels, parseSvg } from './support/svg.js';

describe('plotSpec', () => {
  it('plots mean ± standard error versus the scan parameter, coloured by measured wire', () => {
    const spec = plotSpec(
      reportOf(
        ['omega'],
        [
          { values: { omega: 0 }, memory: ['0', '1'] },
          { values: { omega: 1 }, memory: ['1', '1'] },
        ],
      ),
    ) as { layer: { encoding: Record<string, { field?: string; title?: string }> }[] };
    expect(spec.layer).toHaveLength(2);
    expect(spec.layer[0]!.encoding.x).toMatchObject({ field: 'x', title: 'omega' });
    expect(spec.layer[0]!.encoding.color).toMatchObject({ field: 'series' });
    expect(spec.layer[1]!.encoding.y2).toMatchObject({ field: 'hi' });
  });
});

describe('renderPlot', () => {
  it('draws one line and one legend entry per measured wire, with error bars', async () => {
    const report = reportOf(
      ['t'],
      [0, 1, 2].map((t) => ({ values: { t }, memory: [`${t % 2} 1 0`, '1 1 1'] })),
      [4, 2, 0],
    );
    const svg = parseSvg(await renderPlot(report));
    expect(svg.documentElement?.tagName).toBe('svg');
    expect(lineSeriesLabels(svg).sort()).toEqual(['wire 0', 'wire 2', 'wire 4']);
    expect(legendLabels(svg).sort()).toEqual(['wire 0', 'wire 2', 'wire 4']);
    // One error bar per point and series.
    expect(countRole(svg, 'errorbar')).toBeGreaterThanOrEqual(9);
  });

  it('draws a heat map with one cell per point and wire for a 2-parameter scan', async () => {
    const points = [0, 1, 2].flatMap((a) => [0, 1].map((b) => ({ values: { a, b }, memory: [`${a} ${b}`] })));
    const svg = parseSvg(await renderPlot(reportOf(['a', 'b'], points, [0, 1])));
    expect(countRole(svg, 'rect mark')).toBe(12);
    expect(lineSeriesLabels(svg)).toHaveLength(0);
  });

  it('plots against the point index when the scan has no parameter', async () => {
    const svg = parseSvg(await renderPlot(reportOf([], [{ values: {}, memory: ['1', '2'] }])));
    expect(lineSeriesLabels(svg)).toHaveLength(1);
  });
});
