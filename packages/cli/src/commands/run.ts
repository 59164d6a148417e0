import path from 'node:path';
import { JobFailedError, JobLostError, startRun, type ExperimentOutcome, type JobPayload } from '@coldatom/core';
import { z } from 'zod';
import { connect, isLocalTarget } from '../backend-target.js';
import type { CliIo } from '../cli-io.js';
import { parseOptions } from '../command.js';
import { ConfigSnapshots } from '../config-snapshots.js';
import { displayPath } from '../display-path.js';
import { ExitCode } from '../exit-code.js';
import { plural } from '../presentation/format.js';
import { summarizePoint } from '../presentation/point-summary.js';
import { writeResultFiles } from '../presentation/results-files.js';
import type { ScanReport } from '../presentation/scan-report.js';
import { cliPaths } from '../paths.js';
import { RunStore, type RunRecord } from '../run-records.js';
import { compileSpec, loadSpec, specName } from '../scan-input.js';
import { secondsToMs } from '../durations.js';
import { followRun, type FollowOutcome } from './follow-run.js';
import { openJournal } from './jobs/journal-access.js';
import { printReport, reportJson } from './report-output.js';

const RunOptions = z.object({
  backend: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  json: z.boolean().optional(),
  maxExperimentsPerJob: z.coerce.number().int().positive().optional(),
  maxActiveJobs: z.coerce.number().int().positive().optional(),
  wrapAngles: z.boolean().optional(),
  giveUpAfter: z.coerce.number().positive().optional(),
  maxPoints: z.coerce.number().int().positive().optional(),
});

/** What a stopped run tells the user: how the jobs go on, and how to finish them. */
function stoppedMessage(target: string, submitted: number, total: number): string {
  if (isLocalTarget(target)) {
    return `Stopped. ${target} runs inside this process, so its jobs ended with it; run the spec again to get results.\n`;
  }
  const unsent = total - submitted;
  return [
    `Detached: ${submitted} of ${plural(total, 'job')} were submitted to ${target}; the server keeps them and they stay in the journal${unsent > 0 ? ` (the ${unsent} not sent yet are remembered too)` : ''}.`,
    'Finish them and write the results with:  coldatom jobs resume',
    '',
  ].join('\n');
}

/**
 * Records how a remote run that threw ends up: only a job that ended in ERROR (or was lost) fails
 * it; anything else (the server out of reach past the outage tolerance, the network gone) leaves
 * it open for `jobs resume`, and says so.
 */
async function keepOrFail(error: unknown, record: RunRecord, runs: RunStore, io: CliIo): Promise<void> {
  const jobEnded = error instanceof JobFailedError || error instanceof JobLostError;
  await runs.update({ ...record, state: jobEnded ? 'failed' : 'open' });
  if (!jobEnded)
    io.stderr.write(
      `${record.spec}: the run stays open: its jobs keep running on ${record.target} and stay in the journal. Finish it, and write the result files, with:  coldatom jobs resume\n`,
    );
}

/** The report of a finished run: each point's summary, in the payload's order. */
function reportOf(record: RunRecord, payload: JobPayload, outcomes: readonly ExperimentOutcome[]): ScanReport {
  return {
    spec: record.spec,
    target: record.target,
    configHash: record.configHash,
    parameters: record.parameters,
    points: outcomes.map((o) =>
      summarizePoint({ experiment: o.experiment, jobId: o.jobId, values: o.values ?? {}, input: payload[o.experiment], result: o.result }),
    ),
  };
}

export async function runScan([spec]: readonly [spec: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(RunOptions, raw);
  const specFile = path.resolve(io.cwd, spec);
  const log = (line: string): void => void (io.quiet ? undefined : (options.json ? io.stderr : io.stdout).write(`${line}\n`));
  const warn = (message: string): void => void io.stderr.write(`warning: ${message}\n`);

  const loaded = await loadSpec(specFile);
  const name = specName(specFile);
  const target = options.backend ?? loaded.spec.backend;
  const paths = cliPaths(io.env);
  const journal = openJournal(io);
  const backend = await connect(target, io, { journal, giveUpAfterMs: secondsToMs(options.giveUpAfter) });
  const config = await backend.config();
  const compiled = compileSpec(loaded, config, { ...(options.wrapAngles ? { wrapAngles: true } : {}), maxPoints: options.maxPoints, onWarning: warn });

  const experiments = compiled.points.length;
  const size = options.maxExperimentsPerJob ?? config.max_experiments ?? experiments;
  const outDir = path.resolve(io.cwd, options.out ?? path.join('coldatom-out', name));
  const configHash = await new ConfigSnapshots(paths.configsDir).save(config);
  const run = startRun(backend, compiled.payload, {
    maxExperimentsPerJob: size,
    ...(options.maxActiveJobs === undefined ? {} : { maxActiveJobs: options.maxActiveJobs }),
    compiledAgainst: config,
    onWarning: warn,
    scan: { parameters: compiled.parameters, points: compiled.points },
  });
  const runs = new RunStore(paths.runsDir);
  const record: RunRecord = {
    id: run.runId,
    runIds: [run.runId],
    spec: name,
    specFile,
    target,
    outDir,
    configHash,
    parameters: compiled.parameters,
    points: compiled.points,
    maxExperimentsPerJob: size,
    createdAt: new Date().toISOString(),
    state: 'open',
  };
  // Local jobs end with this process, so only remote runs can be resumed and need a record.
  const remote = !isLocalTarget(target);
  if (remote) await runs.create(record, compiled.payload);

  let followed: FollowOutcome;
  let jobSizes: readonly number[];
  try {
    jobSizes = await run.jobSizes;
    log(`${name}: ${plural(experiments, 'experiment')} × ${loaded.spec.shots} shots on ${target} (${plural(jobSizes.length, 'job')})`);
    followed = await followRun(run, jobSizes, io);
  } catch (error) {
    if (remote) await keepOrFail(error, record, runs, io);
    throw error;
  }
  if (followed.kind === 'stopped') {
    io.stderr.write(stoppedMessage(target, followed.submittedJobIds.length, jobSizes.length));
    return ExitCode.interrupted;
  }

  const report = reportOf(record, compiled.payload, followed.outcomes);
  const files = await writeResultFiles(outDir, report);
  if (remote) await runs.update({ ...record, state: 'complete' });
  if (options.json) {
    io.stdout.write(reportJson(report, { outDir, files }));
    return ExitCode.ok;
  }
  printReport(report, io);
  io.stdout.write(`\nwrote ${files.map((f) => displayPath(f, io.cwd)).join(', ')}\n`);
  return ExitCode.ok;
}
