import { rulesFor, validatePayload, type BackendConfiguration, type ValidationProblem } from '@coldatom/backend-config';
import { ColdAtomError, type JobPayload } from '@coldatom/core';
import { wrapAngles } from './angle-wrap.js';

/** Problems listed in an error message; the rest are counted. */
const MAX_LISTED = 20;

/**
 * Problems found before anything was sent. `problems` holds every error (experiment, instruction
 * index, gate, wires, rule, allowed values); the message lists each on its own line.
 */
export class CircuitValidationError extends ColdAtomError {
  override readonly name = 'CircuitValidationError' as const;
  readonly problems: readonly ValidationProblem[];

  constructor(backend: string, problems: readonly ValidationProblem[]) {
    // A 10,000-point scan can have 10,000 problems: the message lists the first few, `problems` all.
    const shown = problems.slice(0, MAX_LISTED);
    const lines = shown.map((p) => `  - ${p.message} [${p.rule}]`);
    if (problems.length > shown.length) lines.push(`  … and ${problems.length - shown.length} more (the error's \`problems\` lists every one)`);
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} for ${backend}; nothing was sent:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

/** Options of {@link validateExperiments}. */
export interface ValidateOptions {
  /**
   * Out-of-range angles: an error, or mapped into range (θ mod 2π, mod 20π, …) before checking,
   * for gates where that is only a global phase. @default 'error'
   */
  readonly angles?: 'error' | 'wrap';
  /** Receives each warning: instructions the reference backends silently ignore or reorder. */
  readonly onWarning?: (problem: ValidationProblem) => void;
}

/** A checked payload and its warnings. */
export interface CheckedPayload {
  readonly payload: JobPayload;
  readonly warnings: readonly ValidationProblem[];
}

/**
 * Checks a payload against a backend with the backend-config engine (the catalog's rules for a
 * reference backend, whose served config alone lacks ranges and crash rules) and collects every
 * problem. Experiment indices above `max_experiments` are allowed (runs split payloads into jobs);
 * the content of those experiments is checked like every other.
 */
export function checkPayload(payload: JobPayload, config: BackendConfiguration, options: ValidateOptions = {}): CheckedPayload {
  const rules = rulesFor(config);
  const checked = options.angles === 'wrap' ? wrapAngles(payload, rules) : payload;
  const problems = validatePayload(rules, checked).filter((p) => p.rule !== 'experiment-index');
  const warnings = problems.filter((p) => p.severity === 'warning');
  for (const warning of warnings) options.onWarning?.(warning);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new CircuitValidationError(rules.backend, errors);
  return { payload: checked, warnings };
}

/**
 * Validates a payload before it is sent and throws one {@link CircuitValidationError} listing every
 * problem. Returns the payload — with angles wrapped when `angles: 'wrap'`.
 */
export function validateExperiments(payload: JobPayload, config: BackendConfiguration, options: ValidateOptions = {}): JobPayload {
  return checkPayload(payload, config, options).payload;
}
