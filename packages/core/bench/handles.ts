/**
 * 1000 concurrent job handles against the qlued-v2-like stub on 127.0.0.1, all through one
 * backend's shared poll scheduler, run twice side by side: with a request-rate cap that binds, and
 * with only the in-flight cap. Prints requests/s (whole run and busiest second) against the caps,
 * peak requests in flight, memory per handle and CPU per request. Bounded: every job is DONE after
 * 2 polls, then one result fetch.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { request } from 'node:http';
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

  // Requests are counted where Node's HTTP client announces them (diagnostics_channel), so the
  // client runs its own transport as users get it, not an injected fetch.
  const startsMs: number[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  const onStart = (): void => {
    startsMs.push(performance.now());
    peakInFlight = Math.max(peakInFlight, ++inFlight);
  };
  const onAnswer = (): void => {
    inFlight--;
  };
  subscribe('http.client.request.start', onStart);
  subscribe('http.client.response.finish', onAnswer);
  const backend = backendFor(stub.url, {
    token: TOKEN,
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
      `  requests: ${requests} (${(requests / HANDLES).toFixed(2)} per job) in ${seconds.toFixed(2)} s = ${(requests / seconds).toFixed(0)} requests/s; busiest second: ${busiestWindow(startsMs, 1000)} (counted where Node's HTTP client starts them, a few ms after the scheduler does)`,
    );
    console.log(`  peak requests in flight: ${peakInFlight} (cap ${MAX_CONCURRENT})`);
    const kib = (heapWithHandles - heapBefore) / HANDLES / 1024;
    console.log(
      `  memory per handle while polling (live heap, with its pending wait()): ${kib.toFixed(1)} KiB (target ≤ 4 KiB: ${kib <= 4 ? 'met' : 'NOT met'})`,
    );
    const perRequestUs = (cpu.user + cpu.system) / requests;
    const floorUs = await bareRequestCpuUs(stub.url, ids, maxPerSecond);
    console.log(
      `  CPU per request (client and stub share this process): ${perRequestUs.toFixed(0)} µs (target ≤ 300 µs: ${perRequestUs <= 300 ? 'met' : 'NOT met'}); ` +
        `the same requests sent with bare http.request at the same pace: ${floorUs.toFixed(0)} µs, so ${(perRequestUs / floorUs).toFixed(2)}× the floor`,
    );
  } finally {
    unsubscribe('http.client.request.start', onStart);
    unsubscribe('http.client.response.finish', onAnswer);
    await stub.close();
  }
}

/**
 * The floor under the CPU figure: the same status requests to the same stub, sent with bare
 * `http.request` (no scheduler, no handle, no parsing), 16 at a time, at the same pace.
 */
async function bareRequestCpuUs(baseUrl: string, ids: readonly string[], maxPerSecond: number): Promise<number> {
  const spacingMs = Number.isFinite(maxPerSecond) ? 1000 / maxPerSecond : 0;
  const get = (id: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const url = `${baseUrl}/get_job_status/?job_id=${id}&token=${TOKEN}`;
      request(url, (response) => response.resume().on('end', resolve))
        .on('error', reject)
        .end();
    });
  const cpuBefore = process.cpuUsage();
  const startedMs = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < ids.length; i = next++) {
      const dueMs = startedMs + i * spacingMs;
      if (dueMs > performance.now()) await new Promise((r) => setTimeout(r, dueMs - performance.now()));
      await get(ids[i % ids.length]!);
    }
  };
  await Promise.all(Array.from({ length: MAX_CONCURRENT }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return (cpu.user + cpu.system) / ids.length;
}

export async function run(): Promise<void> {
  await measure(300);
  await measure(Number.POSITIVE_INFINITY);
}
