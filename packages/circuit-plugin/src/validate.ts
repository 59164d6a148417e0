import { rulesFor, validatePayload, type BackendConfiguration, type ValidationProblem } from '@coldatom/backend-config';
import { ColdAtomError, type JobPayload } from '@coldatom/core';

/** Problems found before sending; the message lists each on its own line. */
export class CircuitValidationError extends ColdAtomError {
  override readonly name = 'CircuitValidationError' as const;
  readonly problems: readonly ValidationProblem[];

  constructor(backend: string, problems: readonly ValidationProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} for ${backend}; nothing was sent:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Options of {@link validateExperiments}. */
export interface ValidateOptions {
  /** Out-of-range angles: an error, or mapped into range before checking. @default 'error' */
  readonly angles?: 'error' | 'wrap';
  /** Receives warnings (instructions the reference backends silently ignore). */
  readonly onWarning?: (problem: ValidationProblem) => void;
}

/**
 * Checks a payload against a backend's config (plus the catalog's hidden rules for reference
 * backends) and throws one {@link CircuitValidationError} listing every problem. With
 * `angles: 'wrap'` out-of-range rotation angles are wrapped into [0, max) first (the payload is
 * returned changed); experiment indices above `max_experiments` are allowed here because runs split.
 */
export function validateExperiments(payload: JobPayload, config: BackendConfiguration, options: ValidateOptions = {}): JobPayload {
  const rules = rulesFor(config);
  const checked = options.angles === 'wrap' ? wrapAngles(payload, config) : payload;
  const problems = validatePayload(rules, checked).filter((p) => p.rule !== 'experiment-index');
  for (const warning of problems.filter((p) => p.severity === 'warning')) options.onWarning?.(warning);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new CircuitValidationError(rules.backend, errors);
  return checked;
}

function wrapAngles(payload: JobPayload, config: BackendConfiguration): JobPayload {
  const rules = rulesFor(config);
  return Object.fromEntries(
    Object.entries(payload).map(([name, experiment]) => [
      name,
      {
        ...experiment,
        instructions: experiment.instructions.map(([gate, wires, params]) => {
          const specs = rules.instructions[gate]?.params ?? [];
          return [gate, wires, params.map((p, i) => {
            const spec = specs[i];
            if (!spec || spec.integer || !Number.isFinite(spec.max)) return p;
            return p < spec.min || p > spec.max ? ((p % spec.max) + spec.max) % spec.max : p;
          })] as [string, number[], number[]];
        }),
      },
    ]),
  );
}
