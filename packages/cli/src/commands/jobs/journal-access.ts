import { FileJobJournal, type JobResult, type JournalEntry } from '@coldatom/core';
import { endStateOf, jobEndError } from '@coldatom/core/internal';
import { connect, isLocalTarget } from '../../backend-target.js';
import type { CliIo } from '../../cli-io.js';
import { CliInputError } from '../../cli-input-error.js';
import { displayPath } from '../../display-path.js';
import { cliPaths } from '../../paths.js';

/**
 * The journal of this configuration folder. An unreadable file in it is moved aside with a warning
 * that names it, so one bad file never blocks the other jobs.
 */
export function openJournal(io: CliIo): FileJobJournal {
  return new FileJobJournal(cliPaths(io.env).journalDir, {
    onSetAside: ({ file, movedTo, reason }) =>
      void io.stderr.write(
        `warning: ${displayPath(file, io.cwd)} could not be read (${reason.replace(/^Journal file \S+ cannot be read: /, '')}); moved it aside to ${displayPath(movedTo, io.cwd)}\n`,
      ),
  });
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
  if (!answer.ready) {
    // A job the journal saw DONE but whose server has forgotten it will never be ready: say so once
    // (LOST), instead of "not available yet" on every resume.
    const { status } = answer;
    if (status.state !== 'ERROR') return undefined;
    await journal.update(entry.jobId, { state: endStateOf(status), detail: status.detail, errorMessage: status.errorMessage });
    throw jobEndError(entry.jobId, status);
  }
  await journal.saveResult(entry.jobId, answer.result);
  return answer.result;
}
