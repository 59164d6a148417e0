import type { z } from 'zod';
import type { CliIo } from './cli-io.js';
import { CliInputError } from './cli-input-error.js';

/** A positional argument: `<name>` (required), `[name]` (optional) or `<name...>` (variadic). */
interface ArgumentDefinition {
  readonly name: string;
  readonly description: string;
}

/** A command-line option. */
interface OptionDefinition {
  /** Commander flag syntax, e.g. `--out <dir>`, `--json`, `-p, --port <n>`. */
  readonly flags: string;
  readonly description: string;
  /** The option may be given several times; its values are collected in order. */
  readonly repeatable?: boolean;
}

/** What a command does: resolves with the exit code. */
export type CommandAction = (args: readonly string[], options: Readonly<Record<string, unknown>>, io: CliIo) => Promise<number>;

/**
 * An action loaded on first use, so that defining a command costs nothing: the module behind it
 * (and core, the simulator, the plotting stack it imports) loads only when that command runs.
 */
export function lazyAction(load: () => Promise<CommandAction>): CommandAction {
  return async (args, options, io) => (await load())(args, options, io);
}

/** One `coldatom` command (or a group of subcommands), independent of the parsing library. */
export interface CommandDefinition {
  /** The word users type, e.g. `run`. */
  readonly name: string;
  /** One line for the command list and the help page. */
  readonly summary: string;
  readonly arguments?: readonly ArgumentDefinition[];
  readonly options?: readonly OptionDefinition[];
  /** At least one example, shown at the end of `--help`. */
  readonly examples: readonly [string, ...string[]];
  readonly subcommands?: readonly CommandDefinition[];
  /** Runs the command; resolves with the exit code. Absent for groups. */
  readonly action?: CommandAction;
}

const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Parses a command's raw options with its zod schema; every problem becomes one line naming the
 * flag, and the command exits 2 before doing anything.
 */
export function parseOptions<T>(schema: z.ZodType<T>, raw: Readonly<Record<string, unknown>>): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new CliInputError(
    'Invalid options',
    parsed.error.issues.map((issue) => `${issue.path.length > 0 ? flagName(String(issue.path[0])) : 'options'}: ${issue.message}`),
  );
}
