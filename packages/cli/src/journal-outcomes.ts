import { experimentName, type JobJournal, type JournalEntry } from '@coldatom/core';
import type { PointOutcome } from './presentation/point-summary.js';

/** The names, in the run's payload, of a journaled job's experiments (a split run renumbers each job from 0). */
export function originalNames(entry: JournalEntry): readonly string[] | undefined {
  return entry.originals ?? entry.scan?.points.map((p) => p.experiment);
}

/**
 * The scan points of one finished journaled job: its experiments under their names in the
 * original payload, with their scan values. Empty when the result is not stored.
 */
export async function journalOutcomes(journal: JobJournal, entry: JournalEntry): Promise<PointOutcome[]> {
  const [payload, result] = await Promise.all([journal.payload(entry.jobId), journal.result(entry.jobId)]);
  if (!payload || !result) return [];
  const originals = originalNames(entry);
  const values = new Map(entry.scan?.points.map((p) => [p.experiment, p.values]));
  return Object.keys(payload).map((_, k) => {
    const name = experimentName(k);
    const original = originals?.[k] ?? name;
    const experiment = result.results.find((r) => r.header.name === name) ?? result.results[k];
    return {
      experiment: original,
      jobId: entry.jobId,
      values: values.get(original) ?? {},
      input: payload[name],
      // A result without this experiment is a server fault; an empty memory shows it as such.
      result: experiment ?? { header: { name }, shots: 0, success: false, data: { memory: [] } },
    };
  });
}
