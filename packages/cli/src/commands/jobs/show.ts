import { isColdAtomError, isFinishedEntry, type JobStatus } from '@coldatom/core';
import { z } from 'zod';
import { connect, isLocalTarget } from '../../backend-target.js';
import type { CliIo } from '../../cli-io.js';
import { parseOptions } from '../../command.js';
import { ExitCode } from '../../exit-code.js';
import { openJournal, requireEntry } from './journal-access.js';

const ShowOptions = z.object({ json: z.boolean().optional() });

export async function show([jobId]: readonly [id: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(ShowOptions, raw);
  const journal = openJournal(io);
  const entry = await requireEntry(journal, jobId);
  let server: JobStatus | undefined;
  let serverError: string | undefined;
  if (!isFinishedEntry(entry) && !isLocalTarget(entry.target)) {
    try {
      server = await (await connect(entry.target, io)).jobStatus(entry.jobId);
    } catch (error) {
      if (!isColdAtomError(error)) throw error;
      serverError = error.message;
    }
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ entry, serverStatus: server ?? null, ...(serverError ? { serverError } : {}) }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const lines = [
    `job ${entry.jobId}`,
    `  backend:      ${entry.target}${entry.dialect ? ` (${entry.dialect})` : ''}`,
    `  state:        ${entry.state} (last known)`,
    `  submitted:    ${entry.submittedAt}`,
    `  experiments:  ${entry.scan?.points.length ?? '?'}${entry.scan && entry.scan.parameters.length > 0 ? ` (scan over ${entry.scan.parameters.join(', ')})` : ''}`,
    `  config hash:  ${entry.configHash ?? '–'}`,
    `  payload:      ${entry.payloadFile}`,
    `  result:       ${entry.resultFile ?? 'not stored yet'}`,
    ...(entry.runId ? [`  run:          ${entry.runId}`] : []),
    ...(entry.notes ? [`  notes:        ${entry.notes}`] : []),
    ...(entry.failure ? [`  failure:      ${[entry.failure.errorMessage, entry.failure.detail].filter(Boolean).join(' — ') || 'no reason given'}`] : []),
    ...(server ? [`  server says:  ${server.raw}${server.detail ? ` — ${server.detail}` : ''}${server.errorMessage ? ` (${server.errorMessage})` : ''}`] : []),
    ...(serverError ? [`  server:       not reachable: ${serverError}`] : []),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}
