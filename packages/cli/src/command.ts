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

/**
 * The positional arguments commander passes for the declared ones, in order: a string for each
 * `<required>` one (commander refuses a command line without it), maybe none for an `[optional]`
 * one, and the rest for a variadic last one (`<name...>` at least one).
 */
export type Positional<A extends readonly ArgumentDefinition[]> = A extends readonly [
  infer First extends ArgumentDefinition,
  ...infer Rest extends readonly ArgumentDefinition[],
]
  ? First['name'] extends `<${string}...>`
    ? readonly [string, ...string[]]
    : First['name'] extends `[${string}...]`
      ? readonly string[]
      : First['name'] extends `<${string}>`
        ? readonly [string, ...Positional<Rest>]
        : readonly [string?, ...Positional<Rest>]
  : readonly [];

/** What a command does with its positional arguments `Args`: resolves with the exit code. */
export type CommandAction<Args extends readonly (string | undefined)[] = readonly string[]> = (
  args: Args,
  options: Readonly<Record<string, unknown>>,
  io: CliIo,
) => Promise<number>;

/**
 * An action loaded on first use, so that defining a command costs nothing: the module behind it
 * (and core, the simulator, the plotting stack it imports) loads only when that command runs.
 */
export function lazyAction<Args extends readonly (string | undefined)[]>(load: () => Promise<CommandAction<Args>>): CommandAction<Args> {
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

/** A {@link CommandDefinition} whose action takes the arguments its declared `arguments` guarantee. */
interface TypedCommandDefinition<A extends readonly ArgumentDefinition[]> extends Omit<CommandDefinition, 'arguments' | 'action'> {
  readonly arguments?: A;
  readonly action?: CommandAction<Positional<A>>;
}

/** True when `args` has the shape {@link Positional} gives the declared arguments (no declaration: none). */
function hasDeclaredShape<A extends readonly ArgumentDefinition[]>(
  args: readonly string[],
  declared: A | undefined,
): args is readonly string[] & Positional<A> {
  const list: readonly ArgumentDefinition[] = declared ?? [];
  const required = list.filter((a) => a.name.startsWith('<')).length;
  const variadic = list.some((a) => a.name.includes('...'));
  return args.length >= required && (variadic || args.length <= list.length);
}

/**
 * A command definition whose action is type-checked against its declared arguments: an action of
 * `coldatom config <backend>` takes `readonly [backend: string]`, because commander refuses the
 * command line without it. The check is repeated when the command runs, so the type cannot lie.
 */
export function defineCommand<const A extends readonly ArgumentDefinition[] = readonly []>(definition: TypedCommandDefinition<A>): CommandDefinition {
  const { action, arguments: declared, ...rest } = definition;
  return {
    ...rest,
    ...(declared ? { arguments: declared } : {}),
    ...(action
      ? {
          action: async (args, options, io) => {
            if (!hasDeclaredShape(args, declared)) {
              const usage = (declared ?? []).map((a) => a.name).join(' ') || 'no arguments';
              throw new CliInputError(`The ${definition.name} command takes ${usage}, got ${args.length} argument${args.length === 1 ? '' : 's'}`);
            }
            return action(args, options, io);
          },
        }
      : {}),
  };
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
