#!/usr/bin/env node
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';
import { ExitCode } from './exit-code.js';
import { main } from './main.js';

exitQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code));
// Progress on a closed stderr is not worth a crash either; results still go to stdout.
process.stderr.on('error', () => undefined);

const code = await main(process.argv.slice(2));
process.exitCode = code;
if (code === ExitCode.interrupted) {
  // A submission in flight when Ctrl-C came finishes (and is journaled) before the loop empties;
  // anything still polling after that is not ours to wait for.
  setTimeout(() => process.exit(code), 3000).unref();
}
