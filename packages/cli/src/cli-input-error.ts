// The errors subpath, not the package index: the CLI starts without loading core's transport and jobs.
import { ColdAtomError } from '@coldatom/core/errors';

/**
 * Bad input (a spec, a file, an option): the command printed the problems and exits 2 without
 * sending anything.
 */
export class CliInputError extends ColdAtomError {
  override readonly name = 'CliInputError' as const;
  /** One line per problem, naming where and why. */
  readonly problems: readonly string[];

  constructor(summary: string, problems: readonly string[] = [], options: { readonly cause?: unknown } = {}) {
    super(problems.length === 0 ? summary : `${summary}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, options);
    this.problems = problems;
  }
}
