import {
  type FileJobJournal,
  JobFailedError,
  JobLostError,
  isColdAtomError,
  isFinishedEntry,
  splitPayload,
  startRun,
  type JobsBackend,
  type JournalEntry,
  type RunProgress,
} from '@coldatom/core';
import { z } from 'zod';
import { connect, isLocalTarget } from '../../backend-target.js';
import type { CliIo } from '../../cli-io.js';
import { parseOptions } from '../../command.js';
import { ConfigSnapshots } from '../../config-snapshots.js';
import { displayPath } from '../../display-path.js';
import { ExitCode } from '../../exit-code.js';
import { journalOutcomes, originalNames } from '../../journal-outcomes.js';
import { plural } from '../../presentation/format.js';
import { summarizePoint, type PointOutcome } from '../../presentation/point-summary.js';
import { progressDisplayFor } from '../../presentation/progress-display.js';
import { writeResultFiles } from '../../presentation/results-files.js';
import { cliPaths } from '../../paths.js';
import { RunStore, type RunRecord } from '../../run-records.js';
import { NoticeFilter, noticeText } from '../../presentation/job-notices.js';
import { secondsToMs } from '../../durations.js';
import { followRun } from '../follow-run.js';
import { jobResult, openJournal } from './journal-access.js';

const ResumeOptions = z.object({ json: z.boolean().optional(), resendUnknown: z.boolean().optional(), giveUpAfter: z.coerce.number().positive().optional() });

/** How one journaled job ended up. */
interface JobOutcome {
  readonly jobId: string;
  readonly target: string;
  readonly state: 'DONE' | 'ERROR' | 'LOST' | 'UNREACHABLE';
  readonly message?: string;
}

/** How one recorded run ended up. */
interface RunOutcome {
  readonly spec: string;
  readonly outDir: string;
  readonly state: 'complete' | 'failed' | 'open' | 'stopped' | 'busy';
  readonly files?: readonly string[];
  readonly message?: string;
}

const unfinished = (e: JournalEntry): boolean => !isFinishedEntry(e);
const ended = (e: JournalEntry): boolean => e.state === 'ERROR' || e.state === 'LOST';

/** Re-attaches to every unfinished journaled job and follows it to DONE or ERROR; Ctrl-C detaches again. */
async function finishJobs(
  entries: readonly JournalEntry[],
  journal: FileJobJournal,
  io: CliIo,
  giveUpAfterMs: number | undefined,
): Promise<JobOutcome[] | 'stopped'> {
  const backends = new Map<string, Promise<JobsBackend>>();
  const backendOf = (target: string): Promise<JobsBackend> => {
    if (!backends.has(target)) backends.set(target, connect(target, io, { journal, giveUpAfterMs }));
    return backends.get(target)!;
  };
  const sizes = entries.map((e) => e.scan?.points.length ?? 0);
  const total = sizes.reduce((a, b) => a + b, 0);
  const display = progressDisplayFor(io, sizes);
  const notices = new NoticeFilter();
  const states = entries.map((e): string => e.state);
  const startedMs = Date.now();
  const publish = (): void => {
    const jobs: Record<string, number> = {};
    for (const s of states) jobs[s] = (jobs[s] ?? 0) + 1;
    const done = entries.reduce((sum, _, i) => sum + (states[i] === 'DONE' ? sizes[i]! : 0), 0);
    const progress: RunProgress = {
      experimentsDone: done,
      experimentsTotal: total,
      jobs,
      jobIds: entries.map((e) => e.jobId),
      elapsedMs: Date.now() - startedMs,
      estimatedRemainingMs: undefined,
    };
    display.progress(progress);
  };
  const detachers: (() => void)[] = [];
  let release: () => void = () => undefined;
  const stopped = new Promise<'stopped'>((resolve) => {
    release = io.onStop(() => resolve('stopped'));
  });
  const follow = async (entry: JournalEntry, index: number): Promise<JobOutcome> => {
    const base = { jobId: entry.jobId, target: entry.target };
    if (isLocalTarget(entry.target)) {
      const message = `${entry.target} runs inside the process that submitted it; its jobs ended with that process`;
      await journal.update(entry.jobId, { state: 'ERROR', detail: null, errorMessage: message });
      states[index] = 'ERROR';
      publish();
      return { ...base, state: 'LOST', message };
    }
    const handle = (await backendOf(entry.target)).retrieve(entry.jobId);
    detachers.push(() => handle.detach());
    handle.events$.subscribe((event) => {
      const text = noticeText(`job ${entry.jobId}`, event);
      if (text !== undefined && notices.pass(event)) display.notice(text);
    });
    handle.status$.subscribe({
      next: (s) => {
        states[index] = s.state ?? states[index]!;
        display.job(index, entry.jobId, s.state ?? s.raw);
        publish();
      },
      error: () => undefined,
    });
    try {
      // The handle stores the result in the journal before it resolves.
      await handle.wait();
      return { ...base, state: 'DONE' };
    } catch (error) {
      // The handle has recorded ERROR or LOST in the journal before rejecting.
      if (error instanceof JobLostError) return { ...base, state: 'LOST', message: error.message };
      if (error instanceof JobFailedError) return { ...base, state: 'ERROR', message: error.message };
      if (isColdAtomError(error))
        return { ...base, state: 'UNREACHABLE', message: `${error.message}; run \`coldatom jobs resume\` again once it is reachable` };
      throw error;
    }
  };
  publish();
  try {
    const outcome = await Promise.race([Promise.all(entries.map(follow)), stopped]);
    if (outcome === 'stopped') for (const detach of detachers) detach();
    return outcome;
  } finally {
    release();
    display.stop();
  }
}

/** Completes a recorded run: submits experiments never sent, gathers every result, writes its files. */
async function completeRun(
  initial: RunRecord,
  journal: FileJobJournal,
  runs: RunStore,
  io: CliIo,
  { resendUnknown, giveUpAfterMs }: { readonly resendUnknown: boolean; readonly giveUpAfterMs: number | undefined },
): Promise<RunOutcome> {
  let record = initial;
  const base = { spec: record.spec, outDir: record.outDir };
  const mine = (await journal.list()).filter((e) => e.runId !== undefined && record.runIds.includes(e.runId));
  const failed = mine.filter(ended);
  if (failed.length > 0) {
    await runs.update({ ...record, state: 'failed' });
    const lost = failed.filter((e) => e.state === 'LOST');
    const lostNote = lost.length > 0 ? `; ${plural(lost.length, 'job')} lost by the server (not failed: run the spec again for those points)` : '';
    return {
      ...base,
      state: 'failed',
      message: `${plural(failed.length, 'job')} ended in ERROR or LOST (${failed.map((e) => `${e.jobId} ${e.state}`).join(', ')})${lostNote}; no result files written`,
    };
  }
  const open = mine.filter(unfinished);
  if (open.length > 0) return { ...base, state: 'open', message: `${plural(open.length, 'job')} not finished yet` };

  const outcomes: PointOutcome[] = [];
  for (const entry of mine) {
    if (!entry.resultFile) {
      try {
        await jobResult(journal, entry, io);
      } catch (error) {
        if (error instanceof JobLostError || error instanceof JobFailedError) {
          await runs.update({ ...record, state: 'failed' });
          return { ...base, state: 'failed', message: error.message };
        }
        throw error;
      }
    }
    outcomes.push(...(await journalOutcomes(journal, entry)));
  }
  const covered = new Set(mine.flatMap((e) => originalNames(e) ?? []));
  // Submissions written ahead whose answer never came (the process stopped while sending): the
  // server may hold them as jobs we do not know. Sending them again could run them twice, so they
  // are only reported, unless the user asks for them to be sent again.
  const inDoubt = (await journal.pending()).filter((p) => p.runId !== undefined && record.runIds.includes(p.runId));
  const unknown = new Set(inDoubt.flatMap((p) => p.originals ?? []));
  const unsent = record.points.filter((p) => !covered.has(p.experiment) && (resendUnknown || !unknown.has(p.experiment)));
  const withheld = record.points.filter((p) => !covered.has(p.experiment) && !resendUnknown && unknown.has(p.experiment));
  if (withheld.length > 0) {
    io.stderr.write(
      `${record.spec}: ${plural(withheld.length, 'experiment')} may already be on ${record.target}: their submission was in flight when an earlier process stopped, and no answer was recorded. ` +
        'They are not sent again (that could run them twice); check the backend, then run `coldatom jobs resume --resend-unknown` to send them anyway.\n',
    );
  }
  if (unsent.length > 0) {
    io.stderr.write(`${record.spec}: submitting ${plural(unsent.length, 'experiment')} that were never sent\n`);
    const all = await runs.payload(record.id);
    const payload = Object.fromEntries(unsent.map((p) => [p.experiment, all[p.experiment]!]));
    const backend = await connect(record.target, io, { journal, giveUpAfterMs });
    const config = await new ConfigSnapshots(cliPaths(io.env).configsDir).get(record.configHash);
    const run = startRun(backend, payload, {
      maxExperimentsPerJob: record.maxExperimentsPerJob,
      ...(config ? { compiledAgainst: config } : {}),
      scan: { parameters: record.parameters, points: unsent },
      onWarning: (message) => void io.stderr.write(`warning: ${message}\n`),
    });
    record = { ...record, runIds: [...record.runIds, run.runId] };
    await runs.update(record);
    if (resendUnknown) for (const p of inDoubt) await journal.endSubmission(p.key);
    const followed = await followRun(
      run,
      splitPayload(payload, record.maxExperimentsPerJob).map((c) => c.originals.length),
      io,
    );
    if (followed.kind === 'stopped') return { ...base, state: 'stopped' };
    outcomes.push(
      ...followed.outcomes.map((o) => ({ experiment: o.experiment, jobId: o.jobId, values: o.values ?? {}, input: payload[o.experiment], result: o.result })),
    );
  }
  const byName = new Map(outcomes.map((o) => [o.experiment, o]));
  const missing = record.points.filter((p) => !byName.has(p.experiment));
  if (withheld.length > 0)
    return { ...base, state: 'open', message: `${plural(withheld.length, 'experiment')} with an unknown submission outcome (see above)` };
  if (missing.length > 0) return { ...base, state: 'open', message: `results of ${plural(missing.length, 'experiment')} are not available yet` };
  const files = await writeResultFiles(record.outDir, {
    spec: record.spec,
    target: record.target,
    configHash: record.configHash,
    parameters: record.parameters,
    points: record.points.map((p) => summarizePoint(byName.get(p.experiment)!)),
  });
  await runs.update({ ...record, state: 'complete' });
  return { ...base, state: 'complete', files };
}

export async function resume(_args: readonly string[], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(ResumeOptions, raw);
  const paths = cliPaths(io.env);
  const journal = openJournal(io);
  const runs = new RunStore(paths.runsDir);
  const say = (line: string): void => void (options.json ? io.stderr : io.stdout).write(`${line}\n`);

  const entries = await journal.list();
  const pending = entries.filter(unfinished);
  // A run is finished when complete, or failed because a job ended in ERROR or was lost; a run that
  // stopped for any other reason (the server out of reach, the process killed) is picked up again.
  const jobEnded = new Set(entries.filter(ended).flatMap((e) => (e.runId === undefined ? [] : [e.runId])));
  const openRuns = (await runs.list()).filter((r) => r.state === 'open' || (r.state === 'failed' && !r.runIds.some((id) => jobEnded.has(id))));
  if (pending.length === 0 && openRuns.length === 0) {
    if (options.json) io.stdout.write(`${JSON.stringify({ jobs: [], runs: [] }, null, 2)}\n`);
    else say('Nothing to resume: every journaled job has finished.');
    return ExitCode.ok;
  }
  if (pending.length > 0) say(`Resuming ${plural(pending.length, 'unfinished job')}`);
  const giveUpAfterMs = secondsToMs(options.giveUpAfter);
  const jobs = await finishJobs(pending, journal, io, giveUpAfterMs);
  if (jobs === 'stopped') {
    io.stderr.write('Detached again: the jobs keep running on their servers; run `coldatom jobs resume` later.\n');
    return ExitCode.interrupted;
  }
  for (const job of jobs) say(`job ${job.jobId} on ${job.target}: ${job.state}${job.message ? ` — ${job.message}` : ''}`);

  const runOutcomes: RunOutcome[] = [];
  for (const record of openRuns) {
    // One process at a time completes a run: two resumes must not both send its unsent experiments.
    const locked = await runs.exclusive(record.id, () =>
      completeRun(record, journal, runs, io, { resendUnknown: options.resendUnknown === true, giveUpAfterMs }),
    );
    const outcome: RunOutcome = locked.locked
      ? locked.value
      : { spec: record.spec, outDir: record.outDir, state: 'busy', message: 'another coldatom process is resuming this run' };
    if (outcome.state === 'stopped') {
      io.stderr.write('Detached again: the jobs keep running on their servers; run `coldatom jobs resume` later.\n');
      return ExitCode.interrupted;
    }
    runOutcomes.push(outcome);
    say(
      `run ${outcome.spec}: ${outcome.state}${outcome.files ? `; wrote ${outcome.files.map((f) => displayPath(f, io.cwd)).join(', ')}` : ''}${outcome.message ? ` — ${outcome.message}` : ''}`,
    );
  }
  if (options.json) io.stdout.write(`${JSON.stringify({ jobs, runs: runOutcomes }, null, 2)}\n`);
  const allWell = jobs.every((j) => j.state === 'DONE') && runOutcomes.every((r) => r.state === 'complete');
  return allWell ? ExitCode.ok : ExitCode.failure;
}
