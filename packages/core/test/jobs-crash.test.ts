import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileJobJournal, backendFor } from '@coldatom/core';
import { useRealNetwork } from '../../../test/support/real-network.js';
import { startQluedStub, type QluedStub } from './support/qlued-stub.js';

useRealNetwork();

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const SUBMITTER = path.join(HERE, 'support/submitter.ts');
const TOKEN = 'crash-9f4c2e7b1a6d4c3e8b5a0f2d7c9e1b3a';
const KILLS = 6;

/** mulberry32: a fixed seed gives the same kill points on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Starts the submitter, waits until the stub has accepted one of its jobs, then SIGKILLs it
 * `delayMs` later: wherever that lands in the write-ahead → post_job → record sequence.
 */
async function submitThenKill(stub: QluedStub, directory: string, firstShots: number, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--conditions=@coldatom/source', '--import', 'tsx', SUBMITTER, stub.url, TOKEN, directory, String(firstShots)], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const before = stub.accepted.size;
  for (let i = 0; i < 600 && stub.accepted.size === before; i++) await new Promise((r) => setTimeout(r, 25));
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await exited;
}

describe('journal crash safety', () => {
  it('keeps every job the server accepted when the submitting process is SIGKILLed at random points, and resumes them to DONE', async () => {
    const stub = await startQluedStub({ token: TOKEN, pollsToDone: 3 });
    const directory = await mkdtemp(path.join(tmpdir(), 'coldatom-crash-'));
    try {
      const random = seededRandom(20240813);
      for (let kill = 0; kill < KILLS; kill++) await submitThenKill(stub, directory, 1 + kill * 1000, Math.floor(random() * 150));
      expect(stub.accepted.size).toBeGreaterThan(KILLS);

      // Every file parses (atomic writes), and every accepted job is journaled — except at most one
      // per kill whose answer the process never saw: that one is left as a pending submission
      // carrying its payload hash (the protocol cannot look a job up by payload).
      const journal = new FileJobJournal(directory);
      const journaled = new Set((await journal.list()).map((e) => e.jobId));
      const pending = await journal.pending();
      const pendingHashes = new Set(pending.map((p) => p.payloadHash));
      const unjournaled = [...stub.accepted].filter(([jobId]) => !journaled.has(jobId));
      for (const [jobId, payloadHash] of unjournaled)
        expect(pendingHashes.has(payloadHash), `job ${jobId} is journaled or left as a pending submission`).toBe(true);
      expect(pending.length).toBeLessThanOrEqual(KILLS);
      expect([...journaled].every((jobId) => stub.accepted.has(jobId))).toBe(true);

      const backend = backendFor(stub.url, { token: TOKEN, jobs: { polling: { initialIntervalMs: 1, maxIntervalMs: 5, maxRequestsPerSecond: 1_000 } } });
      const handles = await journal.resume(() => backend);
      expect(handles.length).toBeGreaterThan(0);
      await Promise.all(handles.map((h) => h.wait({ timeoutMs: 20_000 })));
      const entries = await journal.list();
      expect(entries.map((e) => e.jobId).sort()).toEqual([...journaled].sort());
      expect(entries.every((e) => e.state === 'DONE' && e.resultFile !== undefined)).toBe(true);

      const names = await readdir(directory, { recursive: true, withFileTypes: true });
      for (const d of names.filter((n) => n.isFile())) expect(await readFile(path.join(d.parentPath, d.name), 'utf8')).not.toContain(TOKEN);
    } finally {
      await stub.close();
    }
  });
});
