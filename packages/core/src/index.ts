export * from './api.js';

// ── Node only ────────────────────────────────────────────────────────────────────────────────────────
export { FileJobJournal } from './jobs/file-job-journal.js';
export type { FileJobJournalOptions } from './jobs/file-job-journal.js';
