import type { Palette } from '../internal/colors.js';
import { renderTable } from '../internal/table.js';
import { formatMeasurement, formatNumber } from './format.js';
import { seriesLabels } from './point-summary.js';
import type { ScanReport } from './scan-report.js';

/**
 * The results table: scan values, mean ± standard error of each measured wire, and the most
 * frequent outcome with its share of the shots.
 */
export function renderResultsTable(report: ScanReport, colors: Palette): string {
  const labels = seriesLabels(report.points);
  const head = [...report.parameters, ...labels.map((l) => `${l}: mean ± s.e.`), 'most frequent', 'shots'].map(colors.bold);
  const rows = report.points.map((p) => [
    ...report.parameters.map((name) => formatNumber(p.values[name] ?? Number.NaN)),
    ...labels.map((_, k) => (p.mean[k] === undefined ? '–' : formatMeasurement(p.mean[k], p.standardError[k] ?? 0))),
    p.mostFrequent ? `"${p.mostFrequent.outcome}" (${formatNumber((100 * p.mostFrequent.count) / p.shots)} %)` : '–',
    String(p.shots),
  ]);
  return renderTable(head, rows, { align: [...report.parameters.map(() => 'right' as const), ...labels.map(() => 'right' as const), 'left', 'right'] });
}
