import { FileJobJournal, type JobResult, type JournalEntry } from '@coldatom/core';
import { connect, isLocalTarget } from '../../backend-target.js';
import type { CliIo } from '../../cli-io.js';
import { CliInputError } from '../../cli-input-error.js';
import { cliPaths } from '../../paths.js';

/** The journal of this configuration folder. */
export function openJournal(io: CliIo): FileJobJournal {
  return new FileJobJournal(cliPaths(io.env).journalDir);
}

/** A journal entry, or bad input naming the journal folder. */
export async function requireEntry(journal: FileJobJournal, jobId: string): Promise<JournalEntry> {
  const entry = await journal.get(jobId);
  if (!entry) throw new CliInputError(`No job ${jobId} in the journal (${journal.directory}); \`coldatom jobs list\` shows the jobs it has`);
  return entry;
}

/**
 * A job's result: from the journal, else from a remote server when it is done there (then stored
 * in the journal); undefined while it is not done or when it cannot be had (local jobs end with
 * their process).
 */
export async function jobResult(journal: FileJobJournal, entry: JournalEntry, io: CliIo): Promise<JobResult | undefined> {
  const stored = await journal.result(entry.jobId);
  if (stored || isLocalTarget(entry.target) || entry.state === 'ERROR') return stored;
  const backend = await connect(entry.target, io);
  const answer = await backend.jobResult(entry.jobId);
  if (!answer.ready) return undefined;
  await journal.saveResult(entry.jobId, answer.result);
  return answer.result;
}
