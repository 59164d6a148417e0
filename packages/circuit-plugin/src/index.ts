export * from './api.js';

// ── Node only: scan specs read from files ────────────────────────────────────────────────────────────
export { loadScanSpec } from './scan-spec-loader.js';
export type { LoadScanSpecOptions } from './scan-spec-loader.js';
