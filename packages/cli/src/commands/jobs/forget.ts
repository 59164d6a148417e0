import { isFinishedEntry } from '@coldatom/core';
import { z } from 'zod';
import type { CliIo } from '../../cli-io.js';
import { CliInputError } from '../../cli-input-error.js';
import { parseOptions } from '../../command.js';
import { ExitCode } from '../../exit-code.js';
import { parseDuration } from '../../internal/durations.js';
import { plural } from '../../presentation/format.js';
import { openJournal } from './journal-access.js';

const ForgetOptions = z.object({ force: z.boolean().optional() });
const PruneOptions = z.object({ olderThan: z.string().min(1), dryRun: z.boolean().optional() });

/** `coldatom jobs forget <id>`: drops one job from the journal; an unfinished one only with --force. */
export async function forget([jobId]: readonly [id: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(ForgetOptions, raw);
  const journal = openJournal(io);
  const entry = await journal.get(jobId);
  if (!entry) throw new CliInputError(`No job ${jobId} in the journal (${journal.directory}); \`coldatom jobs list\` shows the jobs it has`);
  try {
    await journal.forget(jobId, { force: options.force === true });
  } catch (error) {
    throw new CliInputError(`${(error as Error).message.replace(/with force$/, 'with --force')}`, [], { cause: error });
  }
  io.stdout.write(`Forgot job ${jobId} (${entry.state}) on ${entry.target}\n`);
  return ExitCode.ok;
}

/** `coldatom jobs prune --older-than 30d`: forgets finished jobs last updated before then; never an unfinished one. */
export async function prune(_args: readonly string[], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(PruneOptions, raw);
  const olderThanMs = parseDuration(options.olderThan);
  if (olderThanMs === undefined) throw new CliInputError(`--older-than: "${options.olderThan}" is not a duration such as 30d, 12h or 90m`);
  const journal = openJournal(io);
  const cutoff = Date.now() - olderThanMs;
  if (options.dryRun) {
    const would = (await journal.list()).filter((e) => isFinishedEntry(e) && Date.parse(e.updatedAt ?? e.submittedAt) < cutoff);
    io.stdout.write(`Would forget ${plural(would.length, 'finished job')}${would.length ? `: ${would.map((e) => e.jobId).join(', ')}` : ''}\n`);
    return ExitCode.ok;
  }
  const forgotten = await journal.prune({ olderThanMs });
  const kept = (await journal.list()).filter((e) => !isFinishedEntry(e)).length;
  io.stdout.write(
    `Forgot ${plural(forgotten.length, 'finished job')} older than ${options.olderThan}${kept ? `; kept ${plural(kept, 'unfinished job')} (never pruned)` : ''}\n`,
  );
  return ExitCode.ok;
}
