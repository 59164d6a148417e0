// The browser entry (the `browser` export condition): everything of `api.ts`, without the file
// journal (no file system here; `IndexedDbJobJournal` keeps jobs across reloads instead).
// biome-ignore lint/performance/noReExportAll: the shared surface is one list (api.ts), re-exported by both platform entries.
export * from './api.js';
