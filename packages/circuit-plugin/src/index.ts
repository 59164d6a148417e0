// biome-ignore lint/performance/noReExportAll: the shared surface is one list (api.ts), re-exported by both platform entries.
export * from './api.js';

// ── Node only: scan specs read from files ────────────────────────────────────────────────────────────
export { loadScanSpec } from './scan-spec-loader.js';
export type { LoadScanSpecOptions } from './scan-spec-loader.js';
