import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileJobJournal, backendFor, resumeJobs, sha256Json } from '@coldatom/core';
import { useRealNetwork } from '../../../test/support/real-network.js';

useRealNetwork();

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SUBMITTER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/submitter.ts');
// Fixed kill delays (ms after the child's first submission): deterministic in count, random in
// where each lands in the submit → journal sequence.
const KILL_AFTER_MS = [37, 113, 71, 149, 23];

/** A qlued-v3-like stub: accepts every job, answers DONE after two polls, records what it accepted. */
async function stubServer(): Promise<{ url: string; accepted: Map<string, string>; close: () => Promise<void> }> {
  const accepted = new Map<string, string>();
  const polls = new Map<string, number>();
  let next = 0;
  const server = createServer((req, res) => {
    const reply = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        const jobId = `job-${String(next++).padStart(4, '0')}`;
        accepted.set(jobId, sha256Json((JSON.parse(body) as { payload: unknown }).payload));
        reply({ job_id: jobId, status: 'INITIALIZING', detail: 'Got your json.', error_message: 'None' });
      });
      return;
    }
    const jobId = url.searchParams.get('job_id') ?? '';
    const n = (polls.get(jobId) ?? 0) + 1;
    polls.set(jobId, n);
    if (url.pathname.endsWith('get_job_result')) {
      reply({ job_id: jobId, success: true, status: 'INITIALIZING', results: [{ header: { name: 'experiment_0' }, shots: 1, success: true, data: { memory: ['0'] } }] });
    } else {
      reply({ job_id: jobId, status: n >= 2 ? 'DONE' : 'INITIALIZING', detail: '', error_message: 'None' });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/singlequdit`, accepted, close: () => new Promise((r) => server.close(() => r())) };
}

/** Runs the submitter until it has submitted at least one job, then SIGKILLs it after `delayMs`. */
async function submitThenKill(url: string, directory: string, firstShots: number, delayMs: number, accepted: Map<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--conditions=@coldatom/source', '--import', 'tsx', SUBMITTER, url, directory, String(firstShots)], { cwd: ROOT, stdio: 'ignore' });
  const before = accepted.size;
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  for (let i = 0; i < 400 && accepted.size === before; i++) await new Promise((r) => setTimeout(r, 25));
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await exited;
}

describe('journal crash safety', () => {
  it('loses no accepted job when the submitting process is SIGKILLed at random points', async () => {
    const server = await stubServer();
    const directory = await mkdtemp(path.join(tmpdir(), 'coldatom-crash-'));
    try {
      for (const [i, delay] of KILL_AFTER_MS.entries()) await submitThenKill(server.url, directory, 1 + i * 1000, delay, server.accepted);
      expect(server.accepted.size).toBeGreaterThan(KILL_AFTER_MS.length);

      const journal = new FileJobJournal(directory);
      const journaled = new Set((await journal.list()).map((e) => e.jobId));
      const pendingHashes = new Set((await journal.pending()).map((p) => p.payloadHash));
      for (const [jobId, payloadHash] of server.accepted) {
        expect(journaled.has(jobId) || pendingHashes.has(payloadHash), `job ${jobId} is journaled or left as a pending submission`).toBe(true);
      }

      const backend = backendFor(server.url, { token: 'crash-test-token', jobs: { journal, polling: { initialIntervalMs: 1, maxIntervalMs: 5 } } });
      const handles = await resumeJobs(journal, () => backend);
      await Promise.all(handles.map((h) => h.wait({ timeoutMs: 20_000 })));
      await new Promise((r) => setTimeout(r, 50));
      expect((await journal.list()).every((e) => e.state === 'DONE')).toBe(true);
    } finally {
      await server.close();
    }
  });
});
