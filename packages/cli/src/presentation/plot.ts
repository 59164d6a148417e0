import type { PlotSpec } from '../internal/vega.js';
import { seriesLabels, type PointSummary } from './point-summary.js';
import { plotAxes, type PlotAxes, type ScanReport } from './scan-report.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** One plotted value: a point's x (scan value or index), its series and mean ± standard error. */
interface PlotRow {
  readonly x: number;
  readonly y?: number;
  readonly series: string;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

/** Where a point goes on the plot's axes; undefined for a point without a value of a scan parameter (scan reports always have them). */
function position(point: PointSummary, index: number, axes: PlotAxes): { readonly x: number; readonly y?: number } | undefined {
  if (axes.kind === 'index') return { x: index };
  const x = point.values[axes.x];
  if (x === undefined) return undefined;
  if (axes.kind === 'parameter') return { x };
  const y = point.values[axes.y];
  return y === undefined ? undefined : { x, y };
}

function rows(report: ScanReport, axes: PlotAxes): PlotRow[] {
  const labels = seriesLabels(report.points);
  return report.points.flatMap((p, index) => {
    const at = position(p, index, axes);
    if (!at) return [];
    return labels.flatMap((series, k) => {
      const mean = p.mean[k];
      if (mean === undefined) return [];
      const se = p.standardError[k] ?? 0;
      return [{ ...at, series, mean, lo: mean - se, hi: mean + se }];
    });
  });
}

/**
 * The vega-lite specification of a scan's plot: mean ± standard error versus the scan parameter
 * with one series (and error bars) per measured wire; a heat map of the mean for 2-parameter scans
 * (one panel per measured wire); versus the point index for scans of 0 or 3+ parameters.
 */
export function plotSpec(report: ScanReport): PlotSpec {
  const shots = `${report.points[0]?.shots ?? 0} shots per point`;
  const axes = plotAxes(report);
  const values = rows(report, axes);
  if (axes.kind === 'heat map') {
    const title = { text: `${report.spec} on ${report.target}`, subtitle: `mean of each measured wire (${shots})` };
    const { x: xName, y: yName } = axes;
    const rect = {
      mark: 'rect' as const,
      encoding: {
        x: { field: 'x', type: 'ordinal' as const, title: xName, axis: { format: '.3~g' } },
        y: { field: 'y', type: 'ordinal' as const, title: yName, axis: { format: '.3~g' }, sort: 'descending' as const },
        color: { field: 'mean', type: 'quantitative' as const, title: 'mean', scale: { scheme: 'viridis' } },
        tooltip: [{ field: 'series' }, { field: 'x', title: xName }, { field: 'y', title: yName }, { field: 'mean' }],
      },
    };
    return {
      $schema: SCHEMA,
      title,
      data: { values },
      facet: { field: 'series', type: 'nominal', title: null },
      columns: 2,
      spec: { width: 320, height: 260, ...rect },
    };
  }
  const title = { text: `${report.spec} on ${report.target}`, subtitle: `mean ± standard error of each measured wire (${shots})` };
  const xTitle = axes.kind === 'parameter' ? axes.x : 'scan point';
  const x = { field: 'x', type: 'quantitative' as const, title: xTitle };
  const color = { field: 'series', type: 'nominal' as const, title: 'measured' };
  return {
    $schema: SCHEMA,
    title,
    width: 480,
    height: 280,
    data: { values },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'mean measured value' }, color } },
      {
        mark: { type: 'errorbar', ticks: true },
        encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'mean measured value' }, y2: { field: 'hi' }, color },
      },
    ],
  };
}

/** The scan's plot as an SVG document. */
export async function renderPlot(report: ScanReport): Promise<string> {
  // vega is most of the command's start-up time: only the commands that write a plot load it.
  const { renderSvg } = await import('../internal/vega.js');
  return renderSvg(plotSpec(report));
}
