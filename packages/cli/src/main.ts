import { AuthError, isColdAtomError } from '@coldatom/core/errors';
import { CliInputError } from './cli-input-error.js';
import { processIo, type CliIo } from './cli-io.js';
import type { CommandDefinition } from './command.js';
import { COMMAND_DEFINITIONS } from './commands/catalog.js';
import { ExitCode } from './exit-code.js';
import { runProgram } from './internal/commander.js';
import { CLI_VERSION } from './version.js';

/** Prints an error the way users should see it and returns the exit code. Never prints a token: core's errors are redacted. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof CliInputError) {
    io.stderr.write(`${error.message}\n`);
    return ExitCode.badInput;
  }
  if (error instanceof AuthError) {
    io.stderr.write(
      `error: ${error.message}\nThe backend refused the credentials: save a token with \`coldatom login <url> --token-stdin\` or set COLDATOM_TOKEN.\n`,
    );
    return ExitCode.failure;
  }
  if (isColdAtomError(error)) {
    io.stderr.write(`error: ${error.message}\n`);
    return ExitCode.failure;
  }
  const text = error instanceof Error ? (io.env.COLDATOM_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
  io.stderr.write(`error: ${text}\n`);
  return ExitCode.failure;
}

/** Wraps every action so that errors become messages and exit codes. */
function guarded(definition: CommandDefinition): CommandDefinition {
  const { action, subcommands } = definition;
  return {
    ...definition,
    ...(subcommands ? { subcommands: subcommands.map(guarded) } : {}),
    ...(action
      ? {
          action: async (args, options, io) => {
            try {
              return await action(args, options, io);
            } catch (error) {
              return report(error, io);
            }
          },
        }
      : {}),
  };
}

/** Every `coldatom` command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandDefinition[] = COMMAND_DEFINITIONS.map(guarded);

/**
 * Runs the `coldatom` command with the given arguments (without `node` and the script path) and
 * resolves with the exit code: 0 done, 1 failure, 2 bad input (nothing sent), 130 interrupted.
 *
 * @example
 * process.exitCode = await main(['run', 'examples/rabi.json', '--json']);
 */
export function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  return runProgram(
    {
      name: 'coldatom',
      description: 'Run parameter scans on cold-atom quantum backends (qlued/sqooler REST protocol) or on the local simulators.',
      version: CLI_VERSION,
      commands: COMMANDS,
      examples: ['coldatom run examples/rabi.json', 'coldatom serve --port 0', 'coldatom jobs resume'],
    },
    argv,
    io,
    ExitCode.badInput,
  );
}
