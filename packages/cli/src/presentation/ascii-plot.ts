import { COLOR_RESET, renderAsciiChart, seriesColor } from '../internal/ascii-chart.js';
import { formatNumber } from './format.js';
import { seriesLabels } from './point-summary.js';
import { plotAxes, type ScanReport } from './scan-report.js';

/** Options of {@link asciiPlot}. */
export interface AsciiPlotOptions {
  /** Widest plot area. @default 64 @unit columns */
  readonly maxWidthColumns?: number;
  readonly colors?: boolean;
}

const SHADES = ' .:-=+*#%@';

// A few points would draw as a few columns; interpolating between neighbours keeps the shape the
// SVG plot draws (straight segments) while giving the chart a readable width.
function stretch(series: readonly number[], width: number): number[] {
  if (series.length < 2 || series.length >= width) return [...series];
  const step = Math.max(1, Math.floor((width - 1) / (series.length - 1)));
  const out: number[] = [];
  // Walks the segments between neighbours (2+ values: reduce needs no initial value) and ends on the last value.
  const last = series.reduce((from, to) => {
    for (let s = 0; s < step; s++) out.push(from + ((to - from) * s) / step);
    return to;
  });
  out.push(last);
  return out;
}

/** `first … last` of values already in axis order. */
const extent = (values: readonly number[]): string => `${formatNumber(values.at(0) ?? Number.NaN)} … ${formatNumber(values.at(-1) ?? Number.NaN)}`;

function heatMap(report: ScanReport, xName: string, yName: string): string {
  // A point without a value for an axis has no cell (scan reports always have them).
  const xs = [...new Set(report.points.flatMap((p) => p.values[xName] ?? []))].sort((a, b) => a - b);
  const ys = [...new Set(report.points.flatMap((p) => p.values[yName] ?? []))].sort((a, b) => b - a);
  const means = report.points.map((p) => p.mean[0]).filter((m): m is number => m !== undefined);
  const lo = Math.min(...means);
  const hi = Math.max(...means);
  const cell = new Map(report.points.map((p) => [`${p.values[xName]}|${p.values[yName]}`, p.mean[0]]));
  const rows = ys.map((y) => ({ y, label: formatNumber(y) }));
  const pad = Math.max(...rows.map((r) => r.label.length));
  const lines = rows.map(({ y, label }) => {
    const chars = xs.map((x) => {
      const m = cell.get(`${x}|${y}`);
      if (m === undefined) return ' ';
      // Shade 0 (blank) is kept for points the scan lacks.
      const level = hi === lo ? SHADES.length - 1 : 1 + Math.round(((m - lo) / (hi - lo)) * (SHADES.length - 2));
      return SHADES.charAt(level).repeat(2);
    });
    return `${label.padStart(pad)} │${chars.join('')}`;
  });
  return [
    `${seriesLabels(report.points)[0] ?? 'value'} mean by ${yName} (rows) and ${xName} (columns), "${SHADES[1]}" = ${formatNumber(lo)} … "${SHADES[SHADES.length - 1]}" = ${formatNumber(hi)}`,
    ...lines,
    `${' '.repeat(pad)} └${'─'.repeat(xs.length * 2)} ${xName}: ${extent(xs)}`,
  ].join('\n');
}

/**
 * A terminal plot of a scan: the mean of each measured wire versus the scan parameter (versus the
 * point index for 0 or 3+ parameters), or a shaded heat map for 2 parameters. Empty when there is
 * nothing to plot.
 */
export function asciiPlot(report: ScanReport, options: AsciiPlotOptions = {}): string {
  const labels = seriesLabels(report.points);
  if (labels.length === 0 || report.points.length < 2) return '';
  const axes = plotAxes(report);
  if (axes.kind === 'heat map') return heatMap(report, axes.x, axes.y);
  const width = options.maxWidthColumns ?? 64;
  const series = labels.map((_, k) =>
    stretch(
      report.points.map((p) => p.mean[k] ?? Number.NaN),
      width,
    ),
  );
  const chart = renderAsciiChart(series, { heightRows: 10, ...(options.colors === undefined ? {} : { colors: options.colors }) });
  const xName = axes.kind === 'parameter' ? axes.x : 'scan point';
  const xs = report.points.map((p, i) => (axes.kind === 'parameter' ? (p.values[axes.x] ?? Number.NaN) : i));
  const legend = labels.map((label, k) => (options.colors ? `${seriesColor(k)}━━${COLOR_RESET} ${label}` : label));
  const caption = `mean versus ${xName}: ${extent(xs)} (${report.points.length} points)`;
  return [chart, caption + (labels.length > 1 ? `; series: ${legend.join(', ')}` : '')].join('\n');
}
