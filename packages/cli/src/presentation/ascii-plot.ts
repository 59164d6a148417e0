import { COLOR_RESET, renderAsciiChart, seriesColor } from '../internal/ascii-chart.js';
import { formatNumber } from './format.js';
import { seriesLabels } from './point-summary.js';
import type { ScanReport } from './scan-report.js';

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
  for (let i = 0; i < series.length - 1; i++) {
    for (let s = 0; s < step; s++) out.push(series[i]! + ((series[i + 1]! - series[i]!) * s) / step);
  }
  out.push(series[series.length - 1]!);
  return out;
}

function heatMap(report: ScanReport): string {
  const [xName, yName] = report.parameters as [string, string];
  const xs = [...new Set(report.points.map((p) => p.values[xName]!))].sort((a, b) => a - b);
  const ys = [...new Set(report.points.map((p) => p.values[yName]!))].sort((a, b) => b - a);
  const means = report.points.map((p) => p.mean[0]).filter((m): m is number => m !== undefined);
  const lo = Math.min(...means);
  const hi = Math.max(...means);
  const cell = new Map(report.points.map((p) => [`${p.values[xName]}|${p.values[yName]}`, p.mean[0]]));
  const labels = ys.map(formatNumber);
  const pad = Math.max(...labels.map((l) => l.length));
  const lines = ys.map((y, r) => {
    const chars = xs.map((x) => {
      const m = cell.get(`${x}|${y}`);
      if (m === undefined) return ' ';
      // Shade 0 (blank) is kept for points the scan lacks.
      const level = hi === lo ? SHADES.length - 1 : 1 + Math.round(((m - lo) / (hi - lo)) * (SHADES.length - 2));
      return SHADES[level]!.repeat(2);
    });
    return `${labels[r]!.padStart(pad)} │${chars.join('')}`;
  });
  return [
    `${seriesLabels(report.points)[0] ?? 'value'} mean by ${yName} (rows) and ${xName} (columns), "${SHADES[1]}" = ${formatNumber(lo)} … "${SHADES[SHADES.length - 1]}" = ${formatNumber(hi)}`,
    ...lines,
    `${' '.repeat(pad)} └${'─'.repeat(xs.length * 2)} ${xName}: ${formatNumber(xs[0]!)} … ${formatNumber(xs[xs.length - 1]!)}`,
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
  if (report.parameters.length === 2) return heatMap(report);
  const width = options.maxWidthColumns ?? 64;
  const series = labels.map((_, k) =>
    stretch(
      report.points.map((p) => p.mean[k] ?? Number.NaN),
      width,
    ),
  );
  const chart = renderAsciiChart(series, { heightRows: 10, ...(options.colors === undefined ? {} : { colors: options.colors }) });
  const xName = report.parameters.length === 1 ? report.parameters[0]! : 'scan point';
  const xs = report.points.map((p, i) => (report.parameters.length === 1 ? p.values[xName]! : i));
  const legend = labels.map((label, k) => (options.colors ? `${seriesColor(k)}━━${COLOR_RESET} ${label}` : label));
  const caption = `mean versus ${xName}: ${formatNumber(xs[0]!)} … ${formatNumber(xs[xs.length - 1]!)} (${report.points.length} points)`;
  return [chart, caption + (labels.length > 1 ? `; series: ${legend.join(', ')}` : '')].join('\n');
}
