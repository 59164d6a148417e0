import type { RunProgress } from '@coldatom/core';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay, jobCounts, progressLine } from '../src/presentation/progress-display.js';
import { CapturedOutput } from './support/fake-io.js';

const progress = (done: number, jobs: RunProgress['jobs'], remainingMs?: number): RunProgress => ({
  experimentsDone: done,
  experimentsTotal: 21,
  jobs,
  jobIds: ['a', 'b', 'c'],
  elapsedMs: 3200,
  estimatedRemainingMs: remainingMs,
});

describe('progressLine', () => {
  it('tells experiments done, elapsed time and the estimate of the time left', () => {
    expect(progressLine(progress(7, {}, 6400))).toBe('7/21 experiments done, elapsed 3.2 s, about 6.4 s left');
  });

  it('leaves the estimate out before the first result and after the last', () => {
    expect(progressLine(progress(0, {}))).toBe('0/21 experiments done, elapsed 3.2 s');
    expect(progressLine(progress(21, {}, 0))).toBe('21/21 experiments done, elapsed 3.2 s');
  });
});

describe('jobCounts', () => {
  it('counts jobs per state, leaving out empty states', () => {
    expect(jobCounts(progress(0, { DONE: 2, QUEUED: 1, RUNNING: 0 }))).toBe('2 DONE, 1 QUEUED');
  });
});

describe('createProgressDisplay (plain lines)', () => {
  it('writes a line per job state change and per change of experiments done, nothing for repeats', () => {
    const stream = new CapturedOutput(false);
    const display = createProgressDisplay({ stream, live: false, jobSizes: [10, 11] });
    display.job(0, 'job-a', 'INITIALIZING');
    display.job(0, 'job-a', 'INITIALIZING');
    display.progress(progress(0, { INITIALIZING: 1, WAITING: 1 }));
    display.progress(progress(0, { INITIALIZING: 1, WAITING: 1 }));
    display.job(0, 'job-a', 'DONE');
    display.progress(progress(10, { DONE: 1, WAITING: 1 }, 3000));
    display.stop();
    expect(stream.text.split('\n').filter(Boolean)).toEqual([
      'job 1/2 job-a (10 experiments): INITIALIZING',
      'progress: 0/21 experiments done, elapsed 3.2 s',
      'job 1/2 job-a (10 experiments): DONE',
      'progress: 10/21 experiments done, elapsed 3.2 s, about 3.0 s left',
    ]);
  });
});

describe('createProgressDisplay (live, on a terminal)', () => {
  it('draws the experiments bar with job counts and time left, and a line per job with its state', () => {
    const stream = new CapturedOutput(true);
    const display = createProgressDisplay({ stream, live: true, jobSizes: [10, 11], nowMs: () => 0 });
    display.job(0, 'job-a', 'RUNNING');
    display.job(1, 'job-b', 'QUEUED');
    display.progress(progress(10, { DONE: 1, QUEUED: 1 }, 4000));
    display.job(0, 'job-a', 'DONE');
    display.stop();
    const text = stream.text;
    expect(text).toMatch(/experiments .*10\/21 \| jobs: 1 DONE, 1 QUEUED \| elapsed 0 ms \| about 4\.0 s left/);
    expect(text).toMatch(/job 1 .*10\/10 DONE job-a/);
    expect(text).toMatch(/job 2 .*0\/11 QUEUED job-b/);
  });

  it('draws at most the given number of job lines', () => {
    const stream = new CapturedOutput(true);
    const display = createProgressDisplay({ stream, live: true, jobSizes: [1, 1, 1], maxJobLines: 1, nowMs: () => 0 });
    display.job(0, 'job-a', 'RUNNING');
    display.job(2, 'job-c', 'RUNNING');
    display.stop();
    expect(stream.text).toContain('job-a');
    expect(stream.text).not.toContain('job-c');
  });
});
