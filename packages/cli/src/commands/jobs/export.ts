import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configHash, isColdAtomError, type JobPayload } from '@coldatom/core';
import type { BackendConfiguration } from '@coldatom/backend-config';
import { connect } from '../../backend-target.js';
import type { CliIo } from '../../cli-io.js';
import { ConfigSnapshots } from '../../config-snapshots.js';
import { displayPath } from '../../display-path.js';
import { ExitCode } from '../../exit-code.js';
import { cliPaths } from '../../paths.js';
import { CLI_VERSION } from '../../version.js';
import { jobResult, openJournal, requireEntry } from './journal-access.js';

/** The version tag of a bundle's `manifest.json`. */
export const BUNDLE_FORMAT = 'coldatom-bundle/1';

/** Where a bundle's config comes from: the snapshot taken at compile time, or the server now. */
type ConfigSource = 'compile-time snapshot' | 'fetched at export (no snapshot kept)';

async function bundleConfig(hash: string | undefined, target: string, io: CliIo): Promise<{ config: BackendConfiguration; source: ConfigSource } | undefined> {
  const snapshot = hash === undefined ? undefined : await new ConfigSnapshots(cliPaths(io.env).configsDir).get(hash);
  if (snapshot) return { config: snapshot, source: 'compile-time snapshot' };
  try {
    return { config: await (await connect(target, io)).config(), source: 'fetched at export (no snapshot kept)' };
  } catch (error) {
    if (isColdAtomError(error)) return undefined;
    throw error;
  }
}

export async function exportJob([jobId, dir]: readonly [id: string, dir: string], _raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const journal = openJournal(io);
  const entry = await requireEntry(journal, jobId);
  const directory = path.resolve(io.cwd, dir);
  const payload: JobPayload | undefined = await journal.payload(entry.jobId);
  const result = await jobResult(journal, entry, io);
  const config = await bundleConfig(entry.configHash, entry.target, io);
  const fresh = (await journal.get(entry.jobId)) ?? entry;
  const files: Record<string, unknown> = {
    'job.json': fresh,
    'payload.json': payload,
    'scan.json': fresh.scan ?? null,
    ...(config ? { 'config.json': config.config } : {}),
    ...(result ? { 'result.json': result } : {}),
  };
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const hashes: Record<string, string> = {};
  for (const [name, value] of Object.entries(files)) {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    hashes[name] = createHash('sha256').update(text).digest('hex');
    await writeFile(path.join(directory, name), text, { mode: 0o600 });
  }
  const manifest = {
    format: BUNDLE_FORMAT,
    createdAt: new Date().toISOString(),
    client: `@coldatom/cli ${CLI_VERSION}`,
    node: process.version,
    jobId: entry.jobId,
    backend: entry.target,
    state: fresh.state,
    configHash: entry.configHash ?? null,
    config: config
      ? {
          source: config.source,
          hash: configHash(config.config),
          matchesJob: entry.configHash === undefined ? null : configHash(config.config) === entry.configHash,
        }
      : null,
    sha256: hashes,
  };
  await writeFile(path.join(directory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  io.stdout.write(`wrote ${displayPath(directory, io.cwd)}: ${[...Object.keys(files), 'manifest.json'].join(', ')}\n`);
  if (!result) io.stderr.write(`note: job ${entry.jobId} has no result yet (${fresh.state}); the bundle holds its inputs only\n`);
  if (!config) io.stderr.write(`note: no config snapshot was kept for this job and the backend did not answer; the bundle has no config.json\n`);
  if (config?.source === 'fetched at export (no snapshot kept)' && manifest.config?.matchesJob === false) {
    io.stderr.write(`warning: the backend's config changed since the job was compiled (hash ${configHash(config.config)} ≠ ${entry.configHash})\n`);
  }
  return ExitCode.ok;
}
