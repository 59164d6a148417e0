// biome-ignore lint/performance/noReExportAll: the shared surface is one list (api.ts), re-exported by both platform entries.
export * from './api.js';

// ── Node only ────────────────────────────────────────────────────────────────────────────────────────
export { FileJobJournal } from './jobs/file-job-journal.js';
export type { FileJobJournalOptions } from './jobs/file-job-journal.js';
