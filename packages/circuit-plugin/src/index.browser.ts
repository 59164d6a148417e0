// The browser entry (the `browser` export condition): everything of `api.ts`, without the scan-spec
// file loader (no file system here; parse a spec you fetched with `parseScanSpec`).
export * from './api.js';
