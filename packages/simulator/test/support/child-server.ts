/**
 * A SimulatorServer in a child process (test/fixtures/serve-child.ts) and what clients measure of it:
 * used by the large-result spec and by bench/result-fetch.ts. No vitest here, so benches can use it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SimulatorServerOptions } from '@coldatom/simulator';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const CHILD = path.join(ROOT, 'packages/simulator/test/fixtures/serve-child.ts');

/** A server running in a child process. */
export interface ChildServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The child's peak resident set so far (all its threads). @unit kilobytes */
  peakRssKb(): Promise<number>;
  /** Closes the server and waits for the child to exit (killing it after `timeoutMs`). */
  close(timeoutMs?: number): Promise<void>;
}

/** Starts a server in a child process from the TypeScript sources (through tsx). */
export async function startChildServer(options: SimulatorServerOptions = {}, startTimeoutMs = 30_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--conditions=@coldatom/source', '--import', 'tsx', CHILD, JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const nextLine = (timeoutMs: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the child server did not answer within ${timeoutMs} ms`)), timeoutMs);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
      void exited.then(() => reject(new Error('the child server exited')));
    });
  const close = async (timeoutMs = 15_000): Promise<void> => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  };
  let first: string;
  try {
    first = await nextLine(startTimeoutMs);
  } catch (error) {
    await close(1000);
    throw error;
  }
  const url = first.replace(/^listening /, '');
  return {
    url,
    async peakRssKb() {
      child.stdin.write('rss\n');
      return Number((await nextLine(10_000)).replace(/^rss /, ''));
    },
    close,
  };
}

/** `count` singlequdit experiments of `shots` shots each (Rabi on 50 atoms: 51 outcomes, about 6 bytes of JSON a shot). */
export function bigPayload(count: number, shots: number): Record<string, unknown> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `experiment_${i}`,
      {
        instructions: [
          ['load', [0], [50]],
          ['rlx', [0], [1 + i / count]],
          ['measure', [0], []],
        ],
        shots,
        num_wires: 1,
        wire_order: 'interleaved',
      },
    ]),
  );
}

/** Submits a v3 job and polls its status until it leaves INITIALIZING; answers the job id and final status. */
export async function runJob(base: string, payload: unknown, timeoutMs = 60_000): Promise<{ readonly jobId: string; readonly status: string }> {
  const posted = await fetch(`${base}/api/v3/singlequdit/post_job`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payload }),
  });
  const jobId = ((await posted.json()) as { job_id: string }).job_id;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = (await (await fetch(`${base}/api/v3/singlequdit/get_job_status?job_id=${jobId}`)).json()) as { status: string };
    if (answer.status !== 'INITIALIZING') return { jobId, status: answer.status };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish within ${timeoutMs} ms`);
}

/** Reads a whole response body without holding it: its size, first and last bytes. */
export async function drain(res: Response): Promise<{ readonly bytes: number; readonly head: string; readonly tail: string }> {
  let bytes = 0;
  let head = '';
  let tail = '';
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (head.length < 64) head += Buffer.from(value.subarray(0, 64)).toString('latin1');
    tail = (tail + Buffer.from(value.subarray(Math.max(0, value.length - 64))).toString('latin1')).slice(-64);
  }
  return { bytes, head: head.slice(0, 64), tail };
}

/**
 * get_config latencies from a client of its own, one request after the other (a pause of `gapMs`
 * between), until `until` settles.
 */
export async function configLatencies(base: string, until: Promise<unknown>, gapMs = 5): Promise<number[]> {
  let settled = false;
  void until.then(
    () => (settled = true),
    () => (settled = true),
  );
  const latencies: number[] = [];
  while (!settled) {
    const start = performance.now();
    await (await fetch(`${base}/api/v3/singlequdit/get_config`)).text();
    latencies.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return latencies;
}

/** The q-quantile of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
