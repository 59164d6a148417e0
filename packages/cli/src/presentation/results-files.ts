import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { jsonText } from './json-text.js';
import { renderPlot } from './plot.js';
import { seriesLabels } from './point-summary.js';
import { pointStatistics, reportHeader, type ScanReport } from './scan-report.js';

/** The version tag of `results.json`. */
export const RESULTS_FORMAT = 'coldatom-results/1';

/** `results.json`: scan points with raw memory and decoded arrays, job ids and the config hash. */
export function resultsJson(report: ScanReport): string {
  const document = {
    format: RESULTS_FORMAT,
    ...reportHeader(report),
    points: report.points.map((p) => ({ ...pointStatistics(p), memory: p.memory, decoded: p.decoded })),
  };
  return `${jsonText(document)}\n`;
}

// RFC 4180 quoting is four lines; a CSV library would be a dependency for this alone.
const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const columnKey = (label: string): string => label.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** `results.csv`: one row per scan point: scan values, mean and standard error per wire, most frequent outcome. */
export function resultsCsv(report: ScanReport): string {
  const labels = seriesLabels(report.points).map(columnKey);
  const head = [
    'experiment',
    ...report.parameters,
    ...labels.flatMap((l) => [`${l}_mean`, `${l}_stderr`]),
    'most_frequent',
    'most_frequent_count',
    'shots',
    'job_id',
  ];
  const rows = report.points.map((p) => [
    p.experiment,
    ...report.parameters.map((name) => p.values[name] ?? ''),
    ...labels.flatMap((_, k) => [p.mean[k] ?? '', p.standardError[k] ?? '']),
    p.mostFrequent?.outcome ?? '',
    p.mostFrequent?.count ?? '',
    p.shots,
    p.jobId,
  ]);
  return `${[head, ...rows].map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

/** The files {@link writeResultFiles} writes, in order. */
const RESULT_FILES = ['results.json', 'results.csv', 'plot.svg'] as const;

/** Writes `results.json`, `results.csv` and `plot.svg` into a folder (created if needed); resolves with their paths. */
export async function writeResultFiles(directory: string, report: ScanReport): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const contents: Record<(typeof RESULT_FILES)[number], string> = {
    'results.json': resultsJson(report),
    'results.csv': resultsCsv(report),
    'plot.svg': await renderPlot(report),
  };
  const files = RESULT_FILES.map((name) => ({ name, file: path.join(directory, name) }));
  await Promise.all(files.map(({ name, file }) => writeFile(file, contents[name])));
  return files.map(({ file }) => file);
}
