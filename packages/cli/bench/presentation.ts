/**
 * The result views of a 1000-point, 2-wire scan with 1000 shots per point: summarizing the memory,
 * results.json, results.csv, the table, the terminal plot and the SVG plot — each against
 * JSON.stringify of the raw results (the least any view must pay to touch every shot).
 */
import type { ExperimentResult } from '@coldatom/core';
import { asciiPlot } from '../src/presentation/ascii-plot.js';
import { summarizePoint } from '../src/presentation/point-summary.js';
import { renderPlot } from '../src/presentation/plot.js';
import { resultsCsv, resultsJson } from '../src/presentation/results-files.js';
import { renderResultsTable } from '../src/presentation/results-table.js';
import type { ScanReport } from '../src/presentation/scan-report.js';
import { palette } from '../src/internal/colors.js';

async function best(runs: number, work: () => unknown): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return fastest;
}

export async function run(): Promise<void> {
  const points = 1000;
  const shots = 1000;
  const results: ExperimentResult[] = Array.from({ length: points }, (_, i) => ({
    header: { name: `experiment_${i}` },
    shots,
    success: true,
    data: { memory: Array.from({ length: shots }, (_, s) => `${(i + s) % 2} ${(i * s) % 3 === 0 ? 1 : 0}`) },
  }));
  const input = {
    instructions: [
      ['measure', [0], []],
      ['measure', [1], []],
    ] as [string, number[], number[]][],
    shots,
    num_wires: 2,
    wire_order: 'interleaved' as const,
  };
  const outcomes = results.map((result, i) => ({ experiment: `experiment_${i}`, jobId: 'j', values: { theta: i / points }, input, result }));
  let report: ScanReport = { spec: 'bench', target: 'local:rydberg', configHash: 'x', parameters: ['theta'], points: [] };

  const stringify = await best(3, () => JSON.stringify(results));
  const summarize = await best(3, () => (report = { ...report, points: outcomes.map(summarizePoint) }));
  const json = await best(3, () => resultsJson(report));
  const csv = await best(3, () => resultsCsv(report));
  const table = await best(3, () => renderResultsTable(report, palette(false)));
  const ascii = await best(3, () => asciiPlot(report));
  const svg = await best(3, () => renderPlot(report));

  console.log(`${points} points × ${shots} shots × 2 wires; baseline JSON.stringify of the raw results: ${stringify.toFixed(1)} ms`);
  for (const [name, ms] of [
    ['summarize (decode, mean, s.e., mode)', summarize],
    ['results.json', json],
    ['results.csv', csv],
    ['results table', table],
    ['terminal plot', ascii],
    ['plot.svg (vega-lite, headless)', svg],
  ] as const) {
    console.log(`  ${name}: ${ms.toFixed(1)} ms (${(ms / stringify).toFixed(2)}× the baseline)`);
  }
}
