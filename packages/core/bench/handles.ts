/**
 * 1000 concurrent job handles against a qlued-v2-like stub on 127.0.0.1: the shared poll
 * scheduler keeps the request rate within its cap; prints requests/s, memory per handle and CPU
 * per poll. Bounded: every job reaches DONE after a fixed number of polls.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { backendFor } from '@coldatom/core';

const HANDLES = 1000;
const POLLS_TO_DONE = 4;
const CAP = 16;

export async function run(): Promise<void> {
  const polls = new Map<string, number>();
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const jobId = new URL(req.url ?? '/', 'http://x').searchParams.get('job_id') ?? '';
    const n = (polls.get(jobId) ?? 0) + 1;
    polls.set(jobId, n);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ job_id: jobId, status: n >= POLLS_TO_DONE ? 'DONE' : 'INITIALIZING', detail: '', error_message: 'None' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/singlequdit`;
  let inFlight = 0;
  let peakInFlight = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    try {
      return await fetch(input, init);
    } finally {
      inFlight--;
    }
  };
  const backend = backendFor(base, { token: 'bench', fetch: countingFetch, jobs: { polling: { maxConcurrentRequests: CAP, initialIntervalMs: 20, maxIntervalMs: 200, jitter: 0.1 } } });

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const handles = Array.from({ length: HANDLES }, (_, i) => backend.retrieve(`job-${i}`));
  const done = handles.map((h) => new Promise<void>((resolve, reject) => h.status$.subscribe({ complete: resolve, error: reject })));
  await new Promise((r) => setTimeout(r, 50));
  const heapWithHandles = process.memoryUsage().heapUsed;
  await Promise.all(done);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  server.close();

  const perSecond = requests / seconds;
  console.log(`handles: ${HANDLES}, polls per job until DONE: ${POLLS_TO_DONE}, scheduler cap: ${CAP} concurrent requests`);
  console.log(`requests: ${requests} in ${seconds.toFixed(2)} s = ${perSecond.toFixed(0)} req/s (${(requests / HANDLES).toFixed(2)} polls per job)`);
  console.log(`peak requests in flight: ${peakInFlight} (cap ${CAP}); ${(perSecond / CAP).toFixed(1)} requests/s per concurrency slot`);
  console.log(`memory per handle (heap, incl. its first in-flight poll): ${((heapWithHandles - heapBefore) / HANDLES / 1024).toFixed(1)} KiB`);
  console.log(`CPU per poll (client and stub in one process): ${((cpu.user + cpu.system) / requests).toFixed(0)} µs`);
}
