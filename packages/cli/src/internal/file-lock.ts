/** The only module that imports proper-lockfile: advisory locks between coldatom processes. */
import lockfile from 'proper-lockfile';

/**
 * Runs `work` holding the lock on `file` (a `<file>.lock` folder beside it, refreshed while held and
 * taken over once stale, so a killed process does not lock others out for good). Resolves with
 * `{ locked: false }` without running `work` when another process holds it and `waitMs` passes.
 */
export async function withFileLock<T>(
  file: string,
  work: () => Promise<T>,
  options: { readonly waitMs?: number } = {},
): Promise<{ readonly locked: true; readonly value: T } | { readonly locked: false }> {
  const waitMs = options.waitMs ?? 0;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 30_000,
      update: 5_000,
      retries: waitMs > 0 ? { retries: Math.ceil(waitMs / 50), minTimeout: 50, maxTimeout: 50, factor: 1 } : 0,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return { locked: false };
    throw error;
  }
  try {
    return { locked: true, value: await work() };
  } finally {
    await release().catch(() => undefined);
  }
}
