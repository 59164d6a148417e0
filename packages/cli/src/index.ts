export { main, EXIT_BAD_INPUT } from './main.js';
export { summarize, toCsv } from './results.js';
export type { PointSummary } from './results.js';
export { configDir, journalDir } from './paths.js';
