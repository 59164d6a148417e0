export { main } from './main.js';
export { ExitCode } from './exit-code.js';
export { processIo } from './cli-io.js';
export type { CliIo, CliOutput } from './cli-io.js';
export { CliInputError } from './cli-input-error.js';
