/**
 * 1000 concurrent job handles against the qlued-v2-like stub on 127.0.0.1, all through one
 * backend's shared poll scheduler, run twice side by side: with a request-rate cap that binds, and
 * with only the in-flight cap. Prints requests/s (whole run and busiest second) against the caps,
 * peak requests in flight and CPU per request; memory per handle comes from a run of its own, since
 * the collections that measuring the heap forces would distort the CPU figures. Bounded: every job is DONE after
 * 2 polls, then one result fetch.
 * Runs in a child process on the built package (bench/support/built-child.ts).
 */
import { request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RemoteBackend, withJobs, type JobResultAnswer, type JobStatus, type RequestOptions } from '@coldatom/core';
import { START_GROUP_MS } from '@coldatom/core/internal';
import { startQluedStub } from '../test/support/qlued-stub.js';
import { isBenchChild, runOnBuild } from '../../../bench/support/built-child.js';
import { median } from '../../../bench/support/median.js';

const HANDLES = 1000;
const POLLS_TO_DONE = 2;
const MAX_CONCURRENT = 16;
const TOKEN = 'bench-token';

/** A collection before each heap reading keeps garbage out of the per-handle figure (node runs without --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** The most request starts inside any window of `windowMs`. */
function busiestWindow(startsMs: readonly number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < startsMs.length; i++) {
    while (startsMs[i]! - startsMs[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** What one run of the 1000 handles reports. */
type Report = 'heap' | 'cpu';

/** One CPU run's figures. */
interface CpuRun {
  readonly requests: number;
  readonly seconds: number;
  /** The most request starts in any 1 s window. */
  readonly busiest: number;
  readonly peakInFlight: number;
  readonly perRequestUs: number;
  /** The same requests with bare `http.request`, at the same pace, right after. */
  readonly floorUs: number;
}

async function measure(maxPerSecond: number, report: Report): Promise<CpuRun | undefined> {
  const stub = await startQluedStub({ token: TOKEN, pollsToDone: POLLS_TO_DONE });
  const payload = {
    experiment_0: { instructions: [['measure', [0], []]] as [string, number[], number[]][], shots: 1, num_wires: 1, wire_order: 'interleaved' as const },
  };
  const ids = Array.from({ length: HANDLES }, (_, i) => `bench-${i}`);
  for (const id of ids) stub.addJob(id, payload);

  // Requests are counted where the scheduler starts them, the transport's call: the caps are the
  // scheduler's, and Node's HTTP client announces a request a variable few ms later. The transport
  // is the one users get (RemoteBackend over node:http), not an injected fetch. The count adds no
  // promise step of its own (the floor has none): the scheduler's in-flight count already includes
  // the request it is starting.
  const startsMs: number[] = [];
  let peakInFlight = 0;
  let scheduler: { readonly inFlight: number } | undefined;
  const counted = (): void => {
    startsMs.push(performance.now());
    peakInFlight = Math.max(peakInFlight, scheduler?.inFlight ?? 0);
  };
  class CountedBackend extends RemoteBackend {
    override jobStatus(jobId: string, options?: RequestOptions): Promise<JobStatus> {
      counted();
      return super.jobStatus(jobId, options);
    }
    override jobResult(jobId: string, options?: RequestOptions): Promise<JobResultAnswer> {
      counted();
      return super.jobResult(jobId, options);
    }
  }
  const polling = { maxConcurrentRequests: MAX_CONCURRENT, maxRequestsPerSecond: maxPerSecond, initialIntervalMs: 50, maxIntervalMs: 500 };
  const backend = withJobs(new CountedBackend(stub.url, { token: TOKEN }), { polling });
  scheduler = backend.scheduler;

  try {
    if (report === 'heap') {
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      const handles = ids.map((id) => backend.retrieve(id));
      const results = handles.map((h) => h.wait({ timeoutMs: 120_000 }));
      collectGarbage();
      const kib = (process.memoryUsage().heapUsed - heapBefore) / HANDLES / 1024;
      await Promise.all(results);
      console.log(`\nmemory: ${HANDLES} handles polling, each with its pending wait()`);
      console.log(`  live heap per handle: ${kib.toFixed(1)} KiB (target ≤ 4 KiB: ${kib <= 4 ? 'met' : 'NOT met'})`);
      return undefined;
    }
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(ids.map((id) => backend.retrieve(id).wait({ timeoutMs: 120_000 })));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const requests = startsMs.length;
    return {
      requests,
      seconds,
      busiest: busiestWindow(startsMs, 1000),
      peakInFlight,
      perRequestUs: (cpu.user + cpu.system) / requests,
      floorUs: await bareRequestCpuUs(stub.url, ids, maxPerSecond),
    };
  } finally {
    await stub.close();
  }
}

/**
 * The floor under the CPU figure: the same requests to the same stub (per job, its status polls
 * and one result fetch), sent with bare `http.request` (no scheduler, no handle, no parsing), 16 at
 * a time, at the same pace and in the same start groups as the scheduler's (every request whose
 * even slot is within 50 ms of a wake starts at that wake).
 */
async function bareRequestCpuUs(baseUrl: string, ids: readonly string[], maxPerSecond: number): Promise<number> {
  const spacingMs = Number.isFinite(maxPerSecond) ? 1000 / maxPerSecond : 0;
  const earlyMs = spacingMs < START_GROUP_MS ? START_GROUP_MS : 0;
  const perJob = POLLS_TO_DONE + 1;
  const total = ids.length * perJob;
  const get = (i: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const endpoint = i % perJob === POLLS_TO_DONE ? 'get_job_result' : 'get_job_status';
      const url = `${baseUrl}/${endpoint}?job_id=${ids[Math.floor(i / perJob)]}&token=${TOKEN}`;
      request(url, (response) => {
        // Every answer must be the stub's real one: a 404 costs the stub far less than a status.
        if (response.statusCode !== 200) reject(new Error(`the floor's ${url} answered HTTP ${response.statusCode}`));
        response.resume().on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
  const cpuBefore = process.cpuUsage();
  const startedMs = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < total; i = next++) {
      // The wake of the slot's group: the first slot of each `earlyMs` stretch.
      const wakeMs = startedMs + (earlyMs > 0 ? Math.floor((i * spacingMs) / earlyMs) * earlyMs : i * spacingMs);
      if (wakeMs > performance.now()) await new Promise((r) => setTimeout(r, wakeMs - performance.now()));
      await get(i);
    }
  };
  await Promise.all(Array.from({ length: MAX_CONCURRENT }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return (cpu.user + cpu.system) / total;
}

const REPEATS = 3;

/** {@link REPEATS} CPU runs of one configuration, each on its own line, then their medians against the target. */
async function cpuRows(maxPerSecond: number): Promise<void> {
  const rateCap = Number.isFinite(maxPerSecond) ? `${maxPerSecond}/s` : 'none';
  console.log(`\nrate cap ${rateCap}, ${MAX_CONCURRENT} in flight: ${HANDLES} handles, each DONE after ${POLLS_TO_DONE} polls, then one result fetch`);
  // One unmeasured run of this configuration and its floor first: the capped path (timers, start
  // groups) and the floor's are compiled in it, not in the first measured run.
  await measure(maxPerSecond, 'cpu');
  const runs: CpuRun[] = [];
  for (let k = 1; k <= REPEATS; k++) {
    const run = await measure(maxPerSecond, 'cpu');
    if (!run) continue;
    runs.push(run);
    console.log(
      `  run ${k}: ${run.requests} requests (${(run.requests / HANDLES).toFixed(2)} per job) in ${run.seconds.toFixed(2)} s = ${(run.requests / run.seconds).toFixed(0)}/s, ` +
        `busiest second ${run.busiest}, peak in flight ${run.peakInFlight}; CPU per request ${run.perRequestUs.toFixed(0)} µs, bare http.request ${run.floorUs.toFixed(0)} µs`,
    );
  }
  const us = median(runs.map((r) => r.perRequestUs));
  const floorUs = median(runs.map((r) => r.floorUs));
  console.log(
    `  CPU per request, median of ${runs.length} (client and stub share this process; requests counted where the scheduler starts them): ${us.toFixed(0)} µs ` +
      `(target ≤ 300 µs: ${us <= 300 ? 'met' : 'NOT met'}); the same requests with bare http.request at the same pace and grouping: ${floorUs.toFixed(0)} µs, so ${(us / floorUs).toFixed(2)}× the floor`,
  );
}

async function main(): Promise<void> {
  await measure(Number.POSITIVE_INFINITY, 'heap');
  // The CPU runs force no collection: a forced full GC drops compiled code and doubled the CPU per
  // request of the run it was in. Each configuration's runs follow an unmeasured one, so they show
  // a client's steady state, not the JIT compiling the request path.
  console.log('\n(CPU below: each configuration after one unmeasured run of the same 1000 handles, no forced GC)');
  await cpuRows(300);
  await cpuRows(Number.POSITIVE_INFINITY);
}

/** Runs in a child process on the built package (see bench/support/built-child.ts). */
export async function run(): Promise<void> {
  runOnBuild(import.meta.url);
}

if (isBenchChild(import.meta.url)) await main();
