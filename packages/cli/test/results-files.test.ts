import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_FORMAT, resultsCsv, resultsJson, writeResultFiles } from '../src/presentation/results-files.js';
import { reportOf } from './support/reports.js';
import { lineSeriesLabels, parseSvg } from './support/svg.js';

const report = reportOf(
  ['theta'],
  [
    { values: { theta: 0 }, memory: ['0 0', '0 0'] },
    { values: { theta: 0.5 }, memory: ['1 0', '0 1'] },
    { values: { theta: 1 }, memory: ['1 1', '1 1'] },
  ],
  [0, 1],
);

describe('resultsJson', () => {
  it('holds every scan point with raw memory, decoded shots, statistics, job ids and the config hash', () => {
    const doc = JSON.parse(resultsJson(report)) as Record<string, unknown> & { points: Record<string, unknown>[] };
    expect(doc.format).toBe(RESULTS_FORMAT);
    expect(doc.configHash).toBe('abc123');
    expect(doc.jobIds).toEqual(['job-a', 'job-b']);
    expect(doc.parameters).toEqual(['theta']);
    expect(doc.points[1]).toMatchObject({
      experiment: 'experiment_1',
      jobId: 'job-a',
      values: { theta: 0.5 },
      memory: ['1 0', '0 1'],
      decoded: [
        [1, 0],
        [0, 1],
      ],
      mean: [0.5, 0.5],
      measuredWires: [0, 1],
    });
  });

  it('writes each shot list on one line instead of one line per shot', () => {
    expect(resultsJson(report)).toContain('"memory": ["1 0","0 1"]');
    expect(resultsJson(report)).toContain('"decoded": [[1,0],[0,1]]');
  });
});

describe('resultsCsv', () => {
  it('has one row per point: scan values, mean and standard error per wire, most frequent outcome', () => {
    const lines = resultsCsv(report).trimEnd().split('\n');
    expect(lines[0]).toBe('experiment,theta,wire_0_mean,wire_0_stderr,wire_1_mean,wire_1_stderr,most_frequent,most_frequent_count,shots,job_id');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('experiment_2,1,1,0,1,0,1 1,2,2,job-b');
  });

  it('quotes cells that contain commas or quotes', () => {
    const odd = { ...report, points: [{ ...report.points[0]!, jobId: 'a,"b"' }] };
    expect(resultsCsv(odd).split('\n')[1]!.endsWith(',"a,""b"""')).toBe(true);
  });
});

describe('writeResultFiles', () => {
  it('writes results.json, results.csv and a well-formed plot.svg with one series per measured wire', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'coldatom-files-')), 'nested', 'out');
    const files = await writeResultFiles(dir, report);
    expect(files.map((f) => path.basename(f))).toEqual(['results.json', 'results.csv', 'plot.svg']);
    expect((await readdir(dir)).sort()).toEqual(['plot.svg', 'results.csv', 'results.json']);
    const svg = parseSvg(await readFile(path.join(dir, 'plot.svg'), 'utf8'));
    expect(svg.documentElement?.tagName).toBe('svg');
    expect(lineSeriesLabels(svg).sort()).toEqual(['wire 0', 'wire 1']);
  });
});
