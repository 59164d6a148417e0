import { isFinishedEntry } from '@coldatom/core';
import { z } from 'zod';
import { colorsFor, type CliIo } from '../../cli-io.js';
import { parseOptions } from '../../command.js';
import { ExitCode } from '../../exit-code.js';
import { palette } from '../../internal/colors.js';
import { renderTable } from '../../internal/table.js';
import { openJournal } from './journal-access.js';

const ListOptions = z.object({ json: z.boolean().optional() });

export async function list(_args: readonly string[], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(ListOptions, raw);
  const journal = openJournal(io);
  const [entries, pending] = await Promise.all([journal.list(), journal.pending()]);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ journal: journal.directory, jobs: entries, pendingSubmissions: pending }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (entries.length === 0 && pending.length === 0) {
    io.stdout.write(`The journal (${journal.directory}) has no jobs.\n`);
    return ExitCode.ok;
  }
  const colors = palette(colorsFor(io, io.stdout));
  const stateText = (state: string): string =>
    state === 'DONE' ? colors.green(state) : state === 'ERROR' || state === 'LOST' ? colors.red(state) : colors.yellow(state);
  const rows = entries.map((e) => [e.jobId, stateText(e.state), e.target, String(e.scan?.points.length ?? '–'), e.submittedAt, e.resultFile ? 'yes' : 'no']);
  io.stdout.write(`${renderTable(['job id', 'state', 'backend', 'experiments', 'submitted', 'result stored'].map(colors.bold), rows)}\n`);
  for (const p of pending) {
    io.stdout.write(
      `${colors.yellow('unknown outcome')}: a submission to ${p.target} started ${p.startedAt} was cut off before the server's answer was recorded; the job may exist there (payload: ${p.payloadFile})\n`,
    );
  }
  const unfinished = entries.filter((e) => !isFinishedEntry(e)).length;
  if (unfinished > 0) io.stdout.write(`${unfinished} unfinished; \`coldatom jobs resume\` follows them to the end.\n`);
  return ExitCode.ok;
}
