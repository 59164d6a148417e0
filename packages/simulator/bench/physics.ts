/**
 * Issue 12's table: the four payloads through the public API (`backendFor('local:…')` →
 * `submitJob` → `wait`), 1000 shots, per experiment, after a warm-up, three runs (median and
 * spread), side by side with the reference spooler's figures quoted in the issue (measured
 * elsewhere, not by this benchmark). Then the tiny-job latency, scale rows and peak RSS.
 */
import { availableParallelism } from 'node:os';
import { backendFor, type JobPayload } from '@coldatom/core';
import '@coldatom/simulator';
import { fermionScan, multiquditFull, multiquditScan, rydbergScan, singlequditScan, tinyJob } from '../test/support/payloads.js';
import { median } from '../../../bench/support/median.js';

const RUNS = 3;

/** Milliseconds per experiment of one job, submit to result. */
async function perExperiment(backend: string, payload: JobPayload): Promise<number> {
  const target = backendFor(`local:${backend}`);
  const started = performance.now();
  const result = await (await target.submitJob(payload)).wait();
  const ms = performance.now() - started;
  if (result.results.length !== Object.keys(payload).length) throw new Error(`${backend}: ${result.results.length} results`);
  return ms / result.results.length;
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));

/** Median of three runs after one warm-up run, and the spread (max − min) relative to it. */
async function measured(backend: string, payload: JobPayload): Promise<{ readonly median: number; readonly spread: number; readonly runs: readonly number[] }> {
  await perExperiment(backend, payload);
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await perExperiment(backend, payload));
  const m = median(runs);
  return { median: m, spread: (Math.max(...runs) - Math.min(...runs)) / m, runs };
}

interface Row {
  readonly label: string;
  readonly backend: string;
  readonly payload: JobPayload;
  /** The reference spooler's range, ms per experiment, as quoted in issue 12. */
  readonly reference: readonly [number, number];
  readonly before: number;
  readonly target: number;
}

const rows: Row[] = [
  { label: 'singlequdit N=500, 100-pt θ scan', backend: 'singlequdit', payload: singlequditScan(), reference: [84, 286], before: 5.9, target: 0.8 },
  { label: 'multiqudit 3×15 (dim 4096), 10 pts', backend: 'multiqudit', payload: multiquditScan(), reference: [278, 1332], before: 398, target: 3 },
  { label: 'fermions 4 on 8 modes, 60 gates, 20 pts', backend: 'fermions', payload: fermionScan(), reference: [7900, 18000], before: 28, target: 3 },
  { label: 'rydberg 5 atoms rydberg_full, 50 pts', backend: 'rydberg', payload: rydbergScan(), reference: [186, 512], before: 2.2, target: 0.2 },
];

export async function run(): Promise<void> {
  console.log(`Issue 12 payloads through backendFor('local:…') → submitJob → wait, 1000 shots, ms per experiment;`);
  console.log(`${RUNS} runs after a warm-up on ${availableParallelism()} cores. Reference figures (numpy/scipy spooler) are the issue's, measured elsewhere.`);
  console.log(`| payload | ours ms/exp (median) | runs | spread | target | met | before | reference ms/exp | ratio reference/ours |`);
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const m = await measured(row.backend, row.payload);
    const [lo, hi] = row.reference;
    console.log(
      `| ${row.label} | ${fmt(m.median)} | ${m.runs.map(fmt).join(' / ')} | ±${((m.spread / 2) * 100).toFixed(0)} % | ≤ ${row.target} | ${m.median <= row.target ? 'yes' : 'NO'} | ${row.before} | ${lo}–${hi} | ${(lo / m.median).toFixed(0)}–${(hi / m.median).toFixed(0)}× |`,
    );
  }

  const full = await measured('multiqudit', multiquditFull(15));
  console.log(`\nmultiqudit_full at dimension 4096: ${fmt(full.median)} ms/exp (runs ${full.runs.map(fmt).join(' / ')}; target ≤ 20, before 410)`);

  // A one-experiment job, submitJob → wait() resolved, 20 times after a warm-up.
  const tiny = backendFor('local:singlequdit');
  await (await tiny.submitJob(tinyJob())).wait();
  const latencies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await (await tiny.submitJob(tinyJob())).wait();
    latencies.push(performance.now() - started);
  }
  console.log(
    `tiny local job (1 experiment, N=10, 10 shots) submitJob → wait(): median ${fmt(median(latencies))} ms, max ${fmt(Math.max(...latencies))} ms over 20 (target ≤ 5 ms median; before ~100 ms)`,
  );

  console.log('\nscale: singlequdit (same gates, 20-pt scan; N ≤ 500 is the largest the rules allow, so no N = 5000 row)');
  for (const atoms of [50, 200, 500]) {
    const m = await measured('singlequdit', singlequditScan(atoms, 20));
    console.log(`  N = ${String(atoms).padStart(3)} (dim ${atoms + 1}): ${fmt(m.median).padStart(7)} ms/exp`);
  }
  console.log("scale: multiqudit by dimension (3 wires × N atoms; the issue's gates, 10 pts; and multiqudit_full)");
  for (const atoms of [3, 7, 11, 15]) {
    const gates = await measured('multiqudit', multiquditScan(atoms));
    const fullAt = await measured('multiqudit', multiquditFull(atoms));
    console.log(
      `  dim ${String((atoms + 1) ** 3).padStart(4)} (N = ${String(atoms).padStart(2)}): gates ${fmt(gates.median).padStart(6)} ms/exp, multiqudit_full ${fmt(fullAt.median).padStart(6)} ms/exp`,
    );
  }
  console.log(`\npeak RSS of the process (main + worker threads): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
