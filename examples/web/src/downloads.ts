/** The scan's results as files the browser downloads: JSON (everything, memory included) and CSV (one row per point). */
import type { PointStats } from './point-stats.js';

export interface ScanResults {
  readonly target: string;
  readonly parameters: readonly string[];
  readonly points: readonly PointStats[];
}

export function resultsJson(results: ScanResults): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/** `experiment,job_id,<parameters…>,shots,mean_0,se_0,…`: numbers as JavaScript prints them (round-trip exact). */
export function resultsCsv(results: ScanResults): string {
  const width = Math.max(0, ...results.points.map((p) => p.mean.length));
  const header = ['experiment', 'job_id', ...results.parameters, 'shots', ...Array.from({ length: width }, (_, k) => [`mean_${k}`, `se_${k}`]).flat()];
  const rows = results.points.map((p) => [
    p.experiment,
    p.jobId,
    ...results.parameters.map((name) => String(p.values[name] ?? '')),
    String(p.shots),
    ...Array.from({ length: width }, (_, k) => [String(p.mean[k] ?? ''), String(p.standardError[k] ?? '')]).flat(),
  ]);
  return `${[header, ...rows].map((row) => row.join(',')).join('\n')}\n`;
}

/** Saves `text` as a file named `name` through a temporary object URL. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
