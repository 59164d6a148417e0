import { colorsFor, type CliIo } from '../cli-io.js';
import { palette } from '../internal/colors.js';
import { asciiPlot } from '../presentation/ascii-plot.js';
import { jsonText } from '../presentation/json-text.js';
import { renderResultsTable } from '../presentation/results-table.js';
import { pointStatistics, reportHeader, type ScanReport } from '../presentation/scan-report.js';

/** Prints a scan's results table and terminal plot on stdout. */
export function printReport(report: ScanReport, io: CliIo): void {
  const colors = colorsFor(io, io.stdout);
  io.stdout.write(`${renderResultsTable(report, palette(colors))}\n`);
  const width = Math.min(64, Math.max(20, (io.stdout.columns ?? 80) - 14));
  const plot = asciiPlot(report, { colors, maxWidthColumns: width });
  if (plot !== '') io.stdout.write(`\n${plot}\n`);
}

/** The machine-readable summary of a scan (`--json`): statistics per point, without raw shots. */
export function reportJson(report: ScanReport, extra: Readonly<Record<string, unknown>> = {}): string {
  return `${jsonText({ ...reportHeader(report), ...extra, points: report.points.map(pointStatistics) })}\n`;
}
