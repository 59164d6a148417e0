import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configHash, startRun, type ExperimentOutcome } from '@coldatom/core';
import { lineChart, heatMap } from '../internal/plot.js';
import { asciiPlot, colors, progressDisplay, table } from '../internal/terminal.js';
import { summarize, toCsv, type PointSummary } from '../results.js';
import { prepareScan } from './load.js';

/** Options of `coldatom run`. */
export interface RunCommandOptions {
  readonly backend?: string;
  readonly out?: string;
  readonly json?: boolean;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4));

/** `coldatom run <spec>`: compile, validate, submit, follow, then table + files + plot. */
export async function runCommand(specFile: string, options: RunCommandOptions, io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream }): Promise<number> {
  const log = (line: string): void => void (options.json ? io.stderr : io.stdout).write(`${line}\n`);
  const prepared = await prepareScan(specFile, options.backend, (w) => io.stderr.write(`warning: ${w}\n`));
  const { compiled, backend, config } = prepared;
  const count = compiled.points.length;
  log(`${colors.bold('coldatom run')} ${specFile}: ${count} experiment${count === 1 ? '' : 's'} × ${prepared.loaded.spec.shots} shots on ${backend.target}`);

  const run = startRun(backend, compiled.payload, { scan: { parameters: compiled.parameters, points: compiled.points }, compiledAgainst: config, onWarning: (w) => io.stderr.write(`warning: ${w}\n`) });
  const display = progressDisplay(options.json ? io.stderr : io.stdout);
  const interrupted = new Promise<'detached'>((resolve) => process.once('SIGINT', () => resolve('detached')));
  run.progress$.subscribe({
    next: (p) => display.update({ done: p.experimentsDone, total: p.experimentsTotal, jobs: Object.entries(p.jobs).map(([s, n]) => `${n} ${s}`).join(', '), elapsedMs: p.elapsedMs, remainingMs: p.estimatedRemainingMs }),
    error: () => undefined,
  });
  const outcome = await Promise.race([run.results(), interrupted]);
  display.stop();
  if (outcome === 'detached') {
    run.detach();
    io.stderr.write('Detached: submitted jobs keep running on the server and stay in the journal; `coldatom jobs resume` finishes them.\n');
    return 130;
  }

  const summaries = (outcome as ExperimentOutcome[]).map(summarize);
  const dir = options.out ?? path.join('coldatom-out', path.basename(specFile).replace(/\.json$/, ''));
  await mkdir(dir, { recursive: true });
  const files = await writeOutputs(dir, compiled.parameters, summaries, { backend: backend.target, configHash: configHash(config), jobIds: [...new Set(summaries.map((s) => s.jobId))] });
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ backend: backend.target, out: dir, files, points: summaries.map(({ decoded: _d, memory: _m, ...rest }) => rest) }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(0, ...summaries.map((s) => s.means.length));
  log(table(
    [...compiled.parameters, ...Array.from({ length: width }, (_, w) => `wire ${w}: mean ± s.e.`), 'most frequent'],
    summaries.map((s) => [...compiled.parameters.map((p) => fmt(s.values[p] ?? Number.NaN)), ...s.means.map((m, w) => `${fmt(m)} ± ${fmt(s.stderrs[w]!)}`), `"${s.mode.memory}" ×${s.mode.count}`]),
  ));
  if (width > 0 && summaries.length > 1) {
    log(`\nmean of each measured wire versus ${compiled.parameters[0] ?? 'point'}:`);
    log(asciiPlot(Array.from({ length: width }, (_, w) => summaries.map((s) => s.means[w]!))));
  }
  log(`\nwrote ${files.map((f) => path.join(dir, f)).join(', ')}`);
  return 0;
}

async function writeOutputs(dir: string, parameters: readonly string[], summaries: readonly PointSummary[], meta: { backend: string; configHash: string; jobIds: string[] }): Promise<string[]> {
  await writeFile(path.join(dir, 'results.json'), `${JSON.stringify({ ...meta, parameters, points: summaries }, null, 2)}\n`);
  await writeFile(path.join(dir, 'results.csv'), toCsv(parameters, summaries));
  const title = `coldatom: ${meta.backend}`;
  let svg: string;
  if (parameters.length >= 2) {
    svg = await heatMap(summaries.map((s) => ({ x: s.values[parameters[0]!]!, y: s.values[parameters[1]!]!, mean: s.means[0] ?? 0 })), parameters[0]!, parameters[1]!, title);
  } else {
    const x = parameters[0];
    svg = await lineChart(
      summaries.flatMap((s, i) => s.means.map((mean, w) => ({ x: x ? s.values[x]! : i, series: `wire ${w}`, mean, stderr: s.stderrs[w]! }))),
      x ?? 'point',
      'mean measured value',
      title,
    );
  }
  await writeFile(path.join(dir, 'plot.svg'), svg);
  return ['results.json', 'results.csv', 'plot.svg'];
}
