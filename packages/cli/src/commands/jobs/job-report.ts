import type { JobJournal, JournalEntry } from '@coldatom/core';
import { journalOutcomes } from '../../journal-outcomes.js';
import { summarizePoint } from '../../presentation/point-summary.js';
import type { ScanReport } from '../../presentation/scan-report.js';

/** The report of one finished journaled job (its scan points, named as in its run's payload). */
export async function jobReport(journal: JobJournal, entry: JournalEntry): Promise<ScanReport> {
  const outcomes = await journalOutcomes(journal, entry);
  return {
    spec: `job ${entry.jobId}`,
    target: entry.target,
    configHash: entry.configHash,
    parameters: entry.scan?.parameters ?? [],
    points: outcomes.map(summarizePoint),
  };
}
