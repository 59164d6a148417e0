// The browser entry (the `browser` export condition): everything of `api.ts`, without the file
// journal (no file system here; `IndexedDbJobJournal` keeps jobs across reloads instead).
export * from './api.js';
