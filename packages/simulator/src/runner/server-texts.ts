import type { ValidationProblem } from '@coldatom/backend-config';

/**
 * The exact `detail` / `error_message` texts of the reference spooler (protocol.md §3.2), so that a
 * job on our simulator reads like one on the real server.
 */
export const RECEIVED = 'Got your json.';
// The reference string has 21 spaces here: a backslash line continuation inside its literal.
export const DONE_DETAIL = `${RECEIVED}; Passed json sanity check; Compilation done.${' '.repeat(21)}Shots sent to solver.`;

/** detail and error_message of a job that failed, in the server's format for the failing check. */
export function failureTexts(problem: ValidationProblem): { detail: string; error_message: string } {
  const message = problem.serverMessage ?? problem.message;
  if (problem.rule === 'hilbert-dimension') {
    const head = 'Failed dimensionality test. Too many atoms. File will be deleted. Error message :';
    // The reference writes two spaces after the colon in error_message and one in detail.
    return { detail: `${RECEIVED}; ${head} ${message}`, error_message: `None; ${head}  ${message}` };
  }
  if (problem.stage === 'run') return { detail: `${RECEIVED}; ${message}`, error_message: `None; ${message}` };
  const head = 'Failed json sanity check. File will be deleted. Error message :';
  return { detail: `${RECEIVED}; ${head} ${message}`, error_message: `None; ${head} ${message}` };
}
