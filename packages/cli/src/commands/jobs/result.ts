import { z } from 'zod';
import type { CliIo } from '../../cli-io.js';
import { parseOptions } from '../../command.js';
import { ExitCode } from '../../exit-code.js';
import { printReport } from '../report-output.js';
import { jobReport } from './job-report.js';
import { jobResult, openJournal, requireEntry } from './journal-access.js';

const ResultOptions = z.object({ json: z.boolean().optional() });

export async function result([jobId]: readonly [id: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(ResultOptions, raw);
  const journal = openJournal(io);
  const entry = await requireEntry(journal, jobId);
  const stored = await jobResult(journal, entry, io);
  if (!stored) {
    io.stderr.write(`Job ${entry.jobId} has no result (${entry.state}); \`coldatom jobs resume\` follows unfinished jobs to the end.\n`);
    return ExitCode.failure;
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(stored, null, 2)}\n`);
    return ExitCode.ok;
  }
  const fresh = (await journal.get(entry.jobId)) ?? entry;
  printReport(await jobReport(journal, fresh), io);
  return ExitCode.ok;
}
