// The browser entry (the `browser` export condition): everything of `api.ts`, without the scan-spec
// file loader (no file system here; parse a spec you fetched with `parseScanSpec`).
// biome-ignore lint/performance/noReExportAll: the shared surface is one list (api.ts), re-exported by both platform entries.
export * from './api.js';
