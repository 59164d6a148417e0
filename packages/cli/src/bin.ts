#!/usr/bin/env node
// antlr4 4.7.2 (inside quantum-circuit) trips Node's circular-require warning on every start; it
// is harmless (antlr/antlr4#2834) and would bury our output, so only that warning is dropped.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(warning).includes('INVALID_ALT_NUMBER')) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const { main } = await import('./main.js');
const { ExitCode } = await import('./exit-code.js');
const code = await main(process.argv.slice(2));
process.exitCode = code;
if (code === ExitCode.interrupted) {
  // A submission in flight when Ctrl-C came finishes (and is journaled) before the loop empties;
  // anything still polling after that is not ours to wait for.
  setTimeout(() => process.exit(code), 3000).unref();
}
