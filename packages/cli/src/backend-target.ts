// Importing the simulator registers the `local:` scheme with core's backendFor.
import '@coldatom/simulator';
import { backendFor, isColdAtomError, type JobJournal, type JobsBackend } from '@coldatom/core';
import { readBackendUrl, type BackendUrl } from '@coldatom/core/internal';
import { AccountStore, tokenFor } from './accounts.js';
import type { CliIo } from './cli-io.js';
import { CliInputError } from './cli-input-error.js';
import { cliPaths } from './paths.js';

/** True for `local:<name>` targets: simulators inside this process, whose jobs end with it. */
export function isLocalTarget(target: string): boolean {
  return target.startsWith('local:');
}

/**
 * Refuses a target URL that carries credentials (a query token, user:password@): they would end
 * up in shell history, run records and listings. Tokens go through `coldatom login` or COLDATOM_TOKEN.
 */
function checkTarget(target: string): string {
  if (isLocalTarget(target)) return target;
  let url: BackendUrl;
  try {
    url = readBackendUrl(target);
  } catch (cause) {
    throw new CliInputError(`"${target}" is not a backend: expected local:<name> or a base URL such as https://host/api/v3/singlequdit`, [], { cause });
  }
  if (url.hasQuery || url.hasCredentials) {
    throw new CliInputError(
      `Give the backend URL without a query or credentials; save a token with \`coldatom login <url> --token-stdin\` or set COLDATOM_TOKEN`,
    );
  }
  return target;
}

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** Where accepted jobs are recorded. */
  readonly journal?: JobJournal;
  /** How long polling keeps trying through transient failures before a job is left for `jobs resume`. @unit milliseconds */
  readonly giveUpAfterMs?: number | undefined;
}

/**
 * The backend for a target, with the token from COLDATOM_TOKEN or the saved accounts. Local
 * backends are polled fast (they run in this process); remote ones with core's adaptive defaults.
 */
export async function connect(target: string, io: CliIo, options: ConnectOptions = {}): Promise<JobsBackend> {
  checkTarget(target);
  const token = await tokenFor(target, io.env, new AccountStore(cliPaths(io.env).accountsFile));
  const local = isLocalTarget(target);
  try {
    return backendFor(target, {
      ...(token === undefined ? {} : { token }),
      jobs: {
        ...(options.journal ? { journal: options.journal } : {}),
        polling: {
          ...(local ? { initialIntervalMs: 50, maxIntervalMs: 1000 } : {}),
          ...(options.giveUpAfterMs === undefined ? {} : { outageToleranceMs: options.giveUpAfterMs }),
        },
      },
    });
  } catch (error) {
    // backendFor only throws for targets it cannot read (an unknown scheme or local backend, a bad URL).
    if (isColdAtomError(error)) throw new CliInputError(error.message, [], { cause: error });
    throw error;
  }
}
