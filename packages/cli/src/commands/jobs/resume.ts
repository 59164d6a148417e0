import {
  ColdAtomError,
  type FileJobJournal,
  JobFailedError,
  JobLostError,
  isColdAtomError,
  isFinishedEntry,
  startRun,
  type JobHandle,
  type JournalEntry,
  type JournalState,
} from '@coldatom/core';
import { runProgress, type PendingSubmission } from '@coldatom/core/internal';
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

/** What `jobs resume` says of a job it followed to its end (or not). */
function jobOutcome(entry: JournalEntry, ending: unknown): JobOutcome {
  const base = { jobId: entry.jobId, target: entry.target };
  if (ending === undefined) return { ...base, state: 'DONE' };
  // The handle has recorded ERROR or LOST in the journal before rejecting.
  if (ending instanceof JobLostError) return { ...base, state: 'LOST', message: ending.message };
  if (ending instanceof JobFailedError) return { ...base, state: 'ERROR', message: ending.message };
  if (isColdAtomError(ending)) return { ...base, state: 'UNREACHABLE', message: `${ending.message}; run \`coldatom jobs resume\` again once it is reachable` };
  throw ending;
}

/** A listed job that another process finished before this one attached to it: told from the journal. */
async function finishedElsewhere(entry: JournalEntry, journal: FileJobJournal): Promise<JobOutcome> {
  const now = await journal.get(entry.jobId);
  if (now?.state === 'DONE') return jobOutcome(entry, undefined);
  const { detail = null, errorMessage = null } = now?.failure ?? {};
  return jobOutcome(
    entry,
    now?.state === 'ERROR' ? new JobFailedError(entry.jobId, detail, errorMessage) : new JobLostError(entry.jobId, detail, errorMessage),
  );
}

/**
 * Local jobs ran inside the process that submitted them and ended with it: each is journaled as
 * ERROR (so `journal.resume` leaves it alone) and reported LOST.
 */
async function endLocalJobs(entries: readonly JournalEntry[], journal: FileJobJournal): Promise<Map<string, JobOutcome>> {
  const outcomes = new Map<string, JobOutcome>();
  for (const entry of entries.filter((e) => isLocalTarget(e.target))) {
    const message = `${entry.target} runs inside the process that submitted it; its jobs ended with that process`;
    await journal.update(entry.jobId, { state: 'ERROR', detail: null, errorMessage: message });
    outcomes.set(entry.jobId, { jobId: entry.jobId, target: entry.target, state: 'LOST', message });
  }
  return outcomes;
}

/**
 * Re-attaches to every unfinished journaled job (core's `journal.resume`) and follows it to DONE or
 * ERROR; Ctrl-C detaches again. `entries` are the unfinished jobs as listed, in journal order.
 */
async function finishJobs(
  entries: readonly JournalEntry[],
  journal: FileJobJournal,
  io: CliIo,
  giveUpAfterMs: number | undefined,
): Promise<JobOutcome[] | 'stopped'> {
  const sizes = entries.map((e) => e.scan?.points.length ?? 0);
  const display = progressDisplayFor(io, sizes);
  const notices = new NoticeFilter();
  const states = entries.map((e): JournalState => e.state);
  const startedMs = Date.now();
  const publish = (): void => {
    const experimentsDone = sizes.reduce((sum, size, i) => sum + (states[i] === 'DONE' ? size : 0), 0);
    const progress = runProgress({
      // LOST is never among the states of unfinished jobs, nor does a handle's status say it.
      states: states as Exclude<JournalState, 'LOST'>[],
      jobIds: entries.map((e) => e.jobId),
      experimentsDone,
      experimentsTotal: sizes.reduce((a, b) => a + b, 0),
      startedMs,
      // The jobs started before this process: the rate since it started says nothing of the time left.
      estimate: false,
    });
    display.progress(progress);
  };
  const follow = async (entry: JournalEntry, index: number, handle: JobHandle): Promise<JobOutcome> => {
    handle.events$.subscribe((event) => {
      const text = noticeText(`job ${entry.jobId}`, event);
      if (text !== undefined && notices.pass(event)) display.notice(text);
    });
    handle.status$.subscribe({
      next: (s) => {
        if (s.state !== undefined) states[index] = s.state;
        display.job(index, entry.jobId, s.state ?? s.raw);
        publish();
      },
      error: () => undefined,
    });
    // The handle stores the result in the journal before it resolves.
    return handle.wait().then(
      () => jobOutcome(entry, undefined),
      (error: unknown) => jobOutcome(entry, error),
    );
  };
  let handles: readonly JobHandle[] = [];
  let release: () => void = () => undefined;
  const stopped = new Promise<'stopped'>((resolve) => {
    release = io.onStop(() => resolve('stopped'));
  });
  publish();
  try {
    const following = (async () => {
      const ended = await endLocalJobs(entries, journal);
      for (const [index, entry] of entries.entries()) if (ended.has(entry.jobId)) states[index] = 'ERROR';
      if (ended.size > 0) publish();
      handles = await journal.resume((target) => connect(target, io, { journal, giveUpAfterMs }));
      const handleOf = new Map(handles.map((h) => [h.jobId, h]));
      return Promise.all(
        entries.map((entry, index) => {
          const handle = handleOf.get(entry.jobId);
          return ended.get(entry.jobId) ?? (handle ? follow(entry, index, handle) : finishedElsewhere(entry, journal));
        }),
      );
    })();
    const outcome = await Promise.race([following, stopped]);
    if (outcome === 'stopped') for (const handle of handles) handle.detach();
    return outcome;
  } finally {
    release();
    display.stop();
  }
}

/** Where {@link sendUnsent} sends from and records to. */
interface SendContext {
  readonly journal: FileJobJournal;
  readonly runs: RunStore;
  readonly io: CliIo;
  readonly giveUpAfterMs: number | undefined;
  /** Pending submissions to drop once the run that sends their experiments again is recorded. */
  readonly endInDoubt: readonly PendingSubmission[];
}

/** Submits a run's experiments that were never sent as a new run of the record, and follows it. */
async function sendUnsent(
  initial: RunRecord,
  unsent: RunRecord['points'],
  { journal, runs, io, giveUpAfterMs, endInDoubt }: SendContext,
): Promise<{ readonly record: RunRecord; readonly outcomes: PointOutcome[] } | 'stopped'> {
  io.stderr.write(`${initial.spec}: submitting ${plural(unsent.length, 'experiment')} that were never sent\n`);
  const all = await runs.payload(initial.id);
  const payload = Object.fromEntries(
    unsent.map((p) => {
      const experiment = all[p.experiment];
      if (!experiment)
        throw new ColdAtomError(`The stored payload of run ${initial.id} has no experiment ${p.experiment}, which its record lists; the run cannot be resumed`);
      return [p.experiment, experiment];
    }),
  );
  const backend = await connect(initial.target, io, { journal, giveUpAfterMs });
  const config = await new ConfigSnapshots(cliPaths(io.env).configsDir).get(initial.configHash);
  const run = startRun(backend, payload, {
    maxExperimentsPerJob: initial.maxExperimentsPerJob,
    ...(config ? { compiledAgainst: config } : {}),
    scan: { parameters: initial.parameters, points: unsent },
    onWarning: (message) => void io.stderr.write(`warning: ${message}\n`),
  });
  const record = { ...initial, runIds: [...initial.runIds, run.runId] };
  await runs.update(record);
  for (const p of endInDoubt) await journal.endSubmission(p.key);
  const followed = await followRun(run, await run.jobSizes, io);
  if (followed.kind === 'stopped') return 'stopped';
  const outcomes = followed.outcomes.map((o) => ({
    experiment: o.experiment,
    jobId: o.jobId,
    values: o.values ?? {},
    input: payload[o.experiment],
    result: o.result,
  }));
  return { record, outcomes };
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
    const sent = await sendUnsent(record, unsent, { journal, runs, io, giveUpAfterMs, endInDoubt: resendUnknown ? inDoubt : [] });
    if (sent === 'stopped') return { ...base, state: 'stopped' };
    record = sent.record;
    outcomes.push(...sent.outcomes);
  }
  const byName = new Map(outcomes.map((o) => [o.experiment, o]));
  const found = record.points.flatMap((p) => byName.get(p.experiment) ?? []);
  const missing = record.points.length - found.length;
  if (withheld.length > 0)
    return { ...base, state: 'open', message: `${plural(withheld.length, 'experiment')} with an unknown submission outcome (see above)` };
  if (missing > 0) return { ...base, state: 'open', message: `results of ${plural(missing, 'experiment')} are not available yet` };
  const files = await writeResultFiles(record.outDir, {
    spec: record.spec,
    target: record.target,
    configHash: record.configHash,
    parameters: record.parameters,
    points: found.map((o) => summarizePoint(o)),
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
