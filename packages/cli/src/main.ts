import { Command, CommanderError } from 'commander';
import { CircuitValidationError } from '@coldatom/circuit-plugin';
import { isColdAtomError } from '@coldatom/core';
import { compileCommand } from './commands/compile.js';
import { probsCommand } from './commands/probs.js';
import { runCommand } from './commands/run.js';

/** Exit code for bad input (a spec or circuit that fails validation): nothing was sent. */
export const EXIT_BAD_INPUT = 2;

/**
 * Runs the `coldatom` command with the given arguments (without `node` and the script path) and
 * resolves with the exit code.
 */
export async function main(argv: readonly string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let code = 0;
  const program = new Command('coldatom')
    .description('Run parameter scans on cold-atom quantum backends (qlued/sqooler) or on the local simulator.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('run')
    .argument('<spec>', 'scan spec JSON')
    .option('--backend <target>', 'local:<name> or a backend base URL (overrides the spec)')
    .option('--out <dir>', 'output folder (default: coldatom-out/<spec name>)')
    .option('--json', 'machine-readable summary on stdout')
    .description('compile, validate, submit and follow a scan; print a table and write results.json, results.csv and plot.svg')
    .addHelpText('after', '\nExample:\n  coldatom run examples/rabi.json --out out/rabi')
    .action(async (spec: string, opts: { backend?: string; out?: string; json?: boolean }) => {
      code = await runCommand(spec, opts, io);
    });

  program
    .command('compile')
    .argument('<spec>', 'scan spec JSON')
    .option('--backend <target>', 'local:<name> or a backend base URL (overrides the spec)')
    .description('print the job payload JSON the scan compiles to (nothing is sent)')
    .addHelpText('after', '\nExample:\n  coldatom compile examples/rabi.json > payload.json')
    .action(async (spec: string, opts: { backend?: string }) => {
      code = await compileCommand(spec, opts, io);
    });

  program
    .command('probs')
    .argument('<file>', 'scan spec or job payload JSON')
    .option('--backend <target>', 'local:<name> (needed for a payload file)')
    .description("print each experiment's exact outcome distribution from the local simulator")
    .addHelpText('after', '\nExample:\n  coldatom probs examples/rabi.json')
    .action(async (file: string, opts: { backend?: string }) => {
      code = await probsCommand(file, opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    if (error instanceof CircuitValidationError || (isColdAtomError(error) && /scan spec|not JSON|OpenQASM|Cannot read/.test(error.message))) {
      io.stderr.write(`${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
