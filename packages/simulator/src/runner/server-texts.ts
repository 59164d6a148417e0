import type { ValidationProblem } from '@coldatom/backend-config';

/**
 * The exact `detail` / `error_message` texts of the reference spooler (protocol.md §3.2), so that a
 * job on our simulator reads like one on the real server.
 */

/** The `detail` of a job just accepted. */
export const RECEIVED = 'Got your json.';

/** The `detail` of a finished job. */
// The reference string has 21 spaces here: a backslash line continuation inside its literal.
export const DONE_DETAIL = `${RECEIVED}; Passed json sanity check; Compilation done.${' '.repeat(21)}Shots sent to solver.`;

const SANITY = 'Failed json sanity check. File will be deleted. Error message :';
const DIMENSION = 'Failed dimensionality test. Too many atoms. File will be deleted. Error message :';

/** A status's texts: `detail` and `error_message`. */
export interface FailureTexts {
  readonly detail: string;
  readonly error_message: string;
}

/** The texts of a job that failed while running: the reference's ValueError format. */
export function runFailureTexts(message: string): FailureTexts {
  return { detail: `${RECEIVED}; ${message}`, error_message: `None; ${message}` };
}

/**
 * The texts of a job that failed a check, in the server's format for that check. Inputs that crash
 * the reference spooler (`stage: 'crash'`) are reported as a failed sanity check with our own
 * message naming the experiment, instruction and reason, instead of hanging as the reference does.
 */
export function failureTexts(problem: ValidationProblem): FailureTexts {
  const message = problem.serverMessage ?? problem.message;
  if (problem.stage === 'run') return runFailureTexts(message);
  if (problem.rule === 'hilbert-dimension') {
    // The reference writes two spaces after the colon in error_message and one in detail.
    return { detail: `${RECEIVED}; ${DIMENSION} ${message}`, error_message: `None; ${DIMENSION}  ${message}` };
  }
  return { detail: `${RECEIVED}; ${SANITY} ${message}`, error_message: `None; ${SANITY} ${message}` };
}
