import type { ExperimentOutcome, JobHandle, Run } from '@coldatom/core';
import { Subscription } from 'rxjs';
import type { CliIo } from '../cli-io.js';
import { NoticeFilter, noticeText } from '../presentation/job-notices.js';
import { progressDisplayFor } from '../presentation/progress-display.js';

/** How following a run ended. */
export type FollowOutcome =
  | { readonly kind: 'done'; readonly outcomes: readonly ExperimentOutcome[] }
  | { readonly kind: 'stopped'; readonly submittedJobIds: readonly string[] };

/**
 * Shows a run's progress on stderr (live on a terminal, plain lines otherwise) until every result
 * is in, or until Ctrl-C/SIGTERM, which detaches: submitted jobs keep running on the server and
 * stay in the journal. A failed job rejects.
 */
export async function followRun(run: Run, jobSizes: readonly number[], io: CliIo): Promise<FollowOutcome> {
  const display = progressDisplayFor(io, jobSizes);
  const handles: JobHandle[] = [];
  const notices = new NoticeFilter();
  const eventSubscriptions = new Subscription();
  const jobsSubscription = run.jobs$.subscribe((handle) => {
    const index = handles.push(handle) - 1;
    handle.status$.subscribe({ next: (s) => display.job(index, handle.jobId, s.state ?? s.raw), error: () => undefined });
    eventSubscriptions.add(
      handle.events$.subscribe((event) => {
        const text = noticeText(`job ${index + 1} ${handle.jobId}`, event);
        if (text !== undefined && notices.pass(event)) display.notice(text);
      }),
    );
  });
  const progressSubscription = run.progress$.subscribe({ next: (p) => display.progress(p), error: () => undefined });
  let release: () => void = () => undefined;
  const stopped = new Promise<'stopped'>((resolve) => {
    release = io.onStop(() => resolve('stopped'));
  });
  const results = run.results();
  // Detaching rejects `results()` with AbortError; that is the expected end of a stopped run.
  results.catch(() => undefined);
  try {
    const outcome = await Promise.race([results, stopped]);
    if (outcome === 'stopped') {
      run.detach();
      return { kind: 'stopped', submittedJobIds: handles.map((h) => h.jobId) };
    }
    return { kind: 'done', outcomes: outcome };
  } catch (error) {
    // The other jobs stay in the journal; `jobs resume` can finish them.
    run.detach();
    throw error;
  } finally {
    release();
    jobsSubscription.unsubscribe();
    eventSubscriptions.unsubscribe();
    progressSubscription.unsubscribe();
    display.stop();
  }
}
