/**
 * One problem found in a payload. `stage` says where the reference stack would fail on it:
 * - `server`: the server's validation rejects the job (`serverMessage` is its text);
 * - `run`: it passes validation and fails in the simulator (`serverMessage` is the run message);
 * - `crash`: it crashes the reference spooler (protocol.md §3.2), so the job would hang or report
 *   another job's id — rejected by us before sending;
 * - `noop`: the reference backends silently ignore it (protocol.md §8.17): a warning.
 */
export interface ValidationProblem {
  readonly severity: 'error' | 'warning';
  readonly stage: 'server' | 'run' | 'crash' | 'noop';
  /** A stable code, e.g. `param-range`, `coupling-map`, `unknown-instruction`. */
  readonly rule: string;
  /** The experiment key, e.g. `experiment_0`. */
  readonly experiment: string;
  /** Zero-based index into the experiment's `instructions`, when one instruction is at fault. */
  readonly instructionIndex?: number;
  readonly gate?: string;
  readonly wires?: readonly number[];
  /** One sentence naming where and why, with the allowed values. */
  readonly message: string;
  /** The allowed values, as text. */
  readonly allowed?: string;
  /** What the reference server reports (after `Error message : ` for validation failures). */
  readonly serverMessage?: string;
}

/** Server check order of the stages: the first failing check aborts the whole job. */
const STAGE_ORDER: readonly ValidationProblem['stage'][] = ['server', 'run', 'crash'];

/**
 * The problem the reference server would report for a payload: the first one of the earliest stage
 * (problems are produced in the server's check order), or `undefined` when it would run fine.
 */
export function serverVerdict(problems: readonly ValidationProblem[]): ValidationProblem | undefined {
  for (const stage of STAGE_ORDER) {
    const found = problems.find((p) => p.stage === stage && p.severity === 'error');
    if (found) return found;
  }
  return undefined;
}
