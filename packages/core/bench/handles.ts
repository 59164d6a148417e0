/**
 * 1000 concurrent job handles against the qlued-v2-like stub on 127.0.0.1, all through one
 * backend's shared poll scheduler, run twice side by side: with a request-rate cap that binds, and
 * with only the in-flight cap. Prints requests/s (whole run and busiest second) against the caps,
 * peak requests in flight, memory per handle and CPU per request. Bounded: every job is DONE after
 * 2 polls, then one result fetch.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { backendFor } from '@coldatom/core';
import { startQluedStub } from '../test/support/qlued-stub.js';

const HANDLES = 1000;
const POLLS_TO_DONE = 2;
const MAX_CONCURRENT = 16;
const TOKEN = 'bench-token';

// `pnpm bench` starts node without --expose-gc; a collection before each heap reading keeps
// garbage out of the per-handle figure.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The most request starts inside any window of `windowMs`. */
function busiestWindow(startsMs: readonly number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < startsMs.length; i++) {
    while (startsMs[i]! - startsMs[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function measure(maxPerSecond: number): Promise<void> {
  const stub = await startQluedStub({ token: TOKEN, pollsToDone: POLLS_TO_DONE });
  const payload = {
    experiment_0: { instructions: [['measure', [0], []]] as [string, number[], number[]][], shots: 1, num_wires: 1, wire_order: 'interleaved' as const },
  };
  const ids = Array.from({ length: HANDLES }, (_, i) => `bench-${i}`);
  for (const id of ids) stub.addJob(id, payload);

  const startsMs: number[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    startsMs.push(performance.now());
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    try {
      return await fetch(input, init);
    } finally {
      inFlight--;
    }
  };
  const backend = backendFor(stub.url, {
    token: TOKEN,
    fetch: countingFetch,
    jobs: { polling: { maxConcurrentRequests: MAX_CONCURRENT, maxRequestsPerSecond: maxPerSecond, initialIntervalMs: 50, maxIntervalMs: 500 } },
  });

  try {
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const handles = ids.map((id) => backend.retrieve(id));
    const results = handles.map((h) => h.wait({ timeoutMs: 120_000 }));
    collectGarbage();
    const heapWithHandles = process.memoryUsage().heapUsed;
    await Promise.all(results);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);

    const requests = startsMs.length;
    const rateCap = Number.isFinite(maxPerSecond) ? `${maxPerSecond}/s` : 'none';
    console.log(`\nrate cap ${rateCap}, ${MAX_CONCURRENT} in flight: ${HANDLES} handles, each DONE after ${POLLS_TO_DONE} polls, then one result fetch`);
    console.log(
      `  requests: ${requests} (${(requests / HANDLES).toFixed(2)} per job) in ${seconds.toFixed(2)} s = ${(requests / seconds).toFixed(0)} requests/s; busiest second: ${busiestWindow(startsMs, 1000)} (counted as fetch starts, a few ms after the scheduler starts each request)`,
    );
    console.log(`  peak requests in flight: ${peakInFlight} (cap ${MAX_CONCURRENT})`);
    console.log(`  memory per handle while polling (live heap, with its pending wait()): ${((heapWithHandles - heapBefore) / HANDLES / 1024).toFixed(1)} KiB`);
    console.log(`  CPU per request (client and stub share this process): ${((cpu.user + cpu.system) / requests).toFixed(0)} µs`);
  } finally {
    await stub.close();
  }
}

export async function run(): Promise<void> {
  await measure(300);
  await measure(Number.POSITIVE_INFINITY);
}
