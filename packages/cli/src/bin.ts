#!/usr/bin/env node
import { ExitCode } from './exit-code.js';
import { main } from './main.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
if (code === ExitCode.interrupted) {
  // A submission in flight when Ctrl-C came finishes (and is journaled) before the loop empties;
  // anything still polling after that is not ours to wait for.
  setTimeout(() => process.exit(code), 3000).unref();
}
