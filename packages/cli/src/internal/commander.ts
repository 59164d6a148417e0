/**
 * The only module that imports commander (and tab, its shell-completion adapter): it turns our
 * command definitions into a parser.
 */
import tab from '@bomb.sh/tab/commander';
import { Command, CommanderError } from 'commander';
import { withGlobalFlags, type CliIo } from '../cli-io.js';
import type { CommandDefinition } from '../command.js';

/** The program: its name, description, version and commands. */
export interface ProgramDefinition {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly commands: readonly CommandDefinition[];
  readonly examples: readonly string[];
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const examplesText = (examples: readonly string[]): string => `\nExample${examples.length === 1 ? '' : 's'}:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`;

function addCommand(parent: Command, definition: CommandDefinition, io: CliIo, setCode: (code: number) => void): void {
  const command = parent.command(definition.name).description(definition.summary);
  for (const argument of definition.arguments ?? []) command.argument(argument.name, argument.description);
  for (const option of definition.options ?? []) {
    if (option.repeatable) command.option(option.flags, option.description, collect);
    else command.option(option.flags, option.description);
  }
  command.addHelpText('after', examplesText(definition.examples));
  for (const sub of definition.subcommands ?? []) addCommand(command, sub, io, setCode);
  const action = definition.action;
  if (action) {
    command.action(async (...received: unknown[]) => {
      // commander passes the positional arguments, then the options object, then the command.
      const positional = received.slice(0, -2).flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a.map(String) : [String(a)]));
      const options = received[received.length - 2] as Record<string, unknown>;
      setCode(await action(positional, options, withGlobalFlags(io, command.optsWithGlobals())));
    });
  }
}

/**
 * Parses `argv` (without `node` and the script) and runs the chosen command; resolves with its
 * exit code. Usage errors print commander's message and resolve with `usageExitCode`; `--help`
 * and `--version` resolve with 0.
 */
export async function runProgram(program: ProgramDefinition, argv: readonly string[], io: CliIo, usageExitCode: number): Promise<number> {
  let code = 0;
  const root = new Command(program.name)
    .description(program.description)
    .version(program.version, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .option('--no-color', 'plain text: no colours or other escape codes (also NO_COLOR=1, TERM=dumb)')
    .option('-q, --quiet', 'no progress or chatter: only results, warnings and errors')
    .addHelpText('after', examplesText(program.examples));
  for (const definition of program.commands) addCommand(root, definition, io, (c) => (code = c));
  // `coldatom completion bash|zsh|fish|powershell` prints a script that asks the (hidden)
  // `coldatom complete -- …` for candidates, so completions follow the commands as they change.
  tab(root, { completionCommandName: 'completion' });
  root.commands
    .find((c) => c.name() === 'completion')
    ?.description('print a shell completion script (bash, zsh, fish or powershell); e.g. `source <(coldatom completion bash)`');
  try {
    await root.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : usageExitCode;
    throw error;
  }
}
