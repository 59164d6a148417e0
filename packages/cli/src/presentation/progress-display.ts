import type { RunProgress } from '@coldatom/core';
import { liveOutputFor, type CliIo, type CliOutput } from '../cli-io.js';
import { liveLines, type LiveLine } from '../internal/progress-bars.js';
import { formatDuration, plural } from './format.js';

/** Follows a run on screen. */
export interface ProgressDisplay {
  /** A job of the run (numbered from 0 in submission order) has a new state. */
  job(index: number, jobId: string, state: string): void;
  progress(progress: RunProgress): void;
  /** Something the user should know while waiting (server unreachable, rate limited): one line. */
  notice(line: string): void;
  /** Draws the last state and releases the terminal. */
  stop(): void;
}

/** Options of {@link createProgressDisplay}. */
export interface ProgressDisplayOptions {
  readonly stream: CliOutput;
  /** Redrawn live lines (a terminal), or one plain log line per change. */
  readonly live: boolean;
  /** Experiments in each job, in submission order. */
  readonly jobSizes: readonly number[];
  /** Most job lines drawn live; the rest are counted in the summary line. @default 8 */
  readonly maxJobLines?: number;
  /** Clock, for tests. @default Date.now */
  readonly nowMs?: () => number;
}

/** `2 DONE, 1 QUEUED` from the per-state job counts. */
export function jobCounts(progress: RunProgress): string {
  const parts = Object.entries(progress.jobs)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([state, n]) => `${n} ${state}`);
  return parts.length === 0 ? 'none yet' : parts.join(', ');
}

/** `7/21 experiments done, elapsed 1.2 s, about 2.4 s left`. */
export function progressLine(progress: RunProgress, elapsedMs = progress.elapsedMs): string {
  const left =
    progress.estimatedRemainingMs === undefined || progress.experimentsDone === progress.experimentsTotal
      ? ''
      : `, about ${formatDuration(progress.estimatedRemainingMs)} left`;
  return `${progress.experimentsDone}/${progress.experimentsTotal} experiments done, elapsed ${formatDuration(elapsedMs)}${left}`;
}

function plainDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const { stream, jobSizes } = options;
  const states: string[] = [];
  let lastDone = -1;
  return {
    job(index, jobId, state) {
      if (states[index] === state) return;
      states[index] = state;
      stream.write(`job ${index + 1}/${jobSizes.length} ${jobId} (${plural(jobSizes[index] ?? 0, 'experiment')}): ${state}\n`);
    },
    progress(progress) {
      if (progress.experimentsDone === lastDone) return;
      lastDone = progress.experimentsDone;
      stream.write(`progress: ${progressLine(progress)}\n`);
    },
    notice: (line) => void stream.write(`${line}\n`),
    stop: () => undefined,
  };
}

function liveDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const now = options.nowMs ?? Date.now;
  const startedMs = now();
  const maxJobLines = options.maxJobLines ?? 8;
  const lines = liveLines(options.stream);
  let latest: RunProgress | undefined;
  const summary = lines.add(
    'experiments {bar} {value}/{total} | jobs: {jobs} | elapsed {elapsed}{left}',
    options.jobSizes.reduce((a, b) => a + b, 0),
    { jobs: 'submitting', elapsed: '0 ms', left: '' },
  );
  const jobLines: LiveLine[] = [];
  const drawSummary = (): void => {
    if (!latest) return;
    const left =
      latest.estimatedRemainingMs === undefined || latest.experimentsDone === latest.experimentsTotal
        ? ''
        : ` | about ${formatDuration(latest.estimatedRemainingMs)} left`;
    summary.update(latest.experimentsDone, latest.experimentsTotal, { jobs: jobCounts(latest), elapsed: formatDuration(now() - startedMs), left });
  };
  // The elapsed time keeps moving between server answers.
  const ticker = setInterval(drawSummary, 500);
  ticker.unref();
  return {
    job(index, jobId, state) {
      if (index >= maxJobLines) return;
      const size = options.jobSizes[index] ?? 0;
      const fields = { n: String(index + 1), id: jobId, state };
      jobLines[index] ??= lines.add('  job {n} {bar} {value}/{total} {state} {id}', size, fields);
      jobLines[index].update(state === 'DONE' ? size : 0, size, fields);
    },
    progress(progress) {
      latest = progress;
      drawSummary();
    },
    notice: (line) => lines.log(line),
    stop() {
      clearInterval(ticker);
      drawSummary();
      lines.stop();
    },
  };
}

/** A live display on a terminal (bars per job, elapsed and remaining time), plain log lines otherwise. */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  return options.live ? liveDisplay(options) : plainDisplay(options);
}

const silentDisplay: ProgressDisplay = { job: () => undefined, progress: () => undefined, notice: () => undefined, stop: () => undefined };

/**
 * The progress display a command shows on stderr: redrawn on a capable terminal, plain lines
 * otherwise (a pipe, a file, `TERM=dumb`), nothing under `--quiet`.
 */
export function progressDisplayFor(io: CliIo, jobSizes: readonly number[]): ProgressDisplay {
  return io.quiet ? silentDisplay : createProgressDisplay({ stream: io.stderr, live: liveOutputFor(io, io.stderr), jobSizes });
}
