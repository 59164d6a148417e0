import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readBackendUrl, type BackendUrl } from '@coldatom/core/internal';
import { z } from 'zod';
import { CliInputError } from './cli-input-error.js';
import { withFileLock } from './internal/file-lock.js';

/** `accounts.json`: one token per backend base URL (or API root). Never printed. */
export const AccountsFile = z.object({
  accounts: z.record(z.string(), z.object({ token: z.string().min(1), savedAt: z.string() })),
});
export type AccountsFile = z.output<typeof AccountsFile>;

/**
 * The account key of a URL: scheme, lower-case host, path without trailing slash; a query or
 * fragment is refused (tokens belong in the file, not in URLs).
 */
export function accountKey(url: string): string {
  let parsed: BackendUrl;
  try {
    parsed = readBackendUrl(url);
  } catch (cause) {
    throw new CliInputError(`"${url}" is not a URL (expected e.g. https://qlued.alqor.io/api/v3 or …/api/v3/singlequdit)`, [], { cause });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new CliInputError(`"${url}" is not an http(s) URL`);
  if (parsed.hasQuery || parsed.hasFragment || parsed.hasCredentials) {
    throw new CliInputError(`The URL must not carry a query, fragment or credentials; give the backend base URL only`);
  }
  return parsed.normalized;
}

/**
 * Saved tokens in one JSON file (mode 0600 in a folder of mode 0700). A token saved for an API
 * root (`https://host/api/v3`) serves every backend below it; the longest matching URL wins.
 */
export class AccountStore {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  async #read(): Promise<AccountsFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { accounts: {} };
      throw error;
    }
    // The file holds tokens: no message may quote it, so JSON's own error (which shows the text
    // around the fault) and zod's (which may show values) are replaced by where the fault is.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CliInputError(
        `${this.file} is not valid JSON, so no saved token can be read. Fix it, or run \`coldatom logout <url>\` to set it aside and start a new one`,
      );
    }
    const parsed = AccountsFile.safeParse(json);
    if (!parsed.success) {
      const where = [
        ...new Set(
          parsed.error.issues.map(
            (i) =>
              i.path
                .map(String)
                .map((p) => (p.includes('://') ? '<url>' : p))
                .join('.') || '(root)',
          ),
        ),
      ].join(', ');
      throw new CliInputError(
        `${this.file} is not a coldatom accounts file (wrong shape at ${where}). Fix it, or run \`coldatom logout <url>\` to set it aside and start a new one`,
      );
    }
    return parsed.data;
  }

  /**
   * A read-modify-write under the file's lock, so concurrent logins and logouts never lose each
   * other's tokens. An unreadable file is moved aside (the user is told where) instead of blocking.
   */
  async #update<T>(
    change: (data: AccountsFile) => { readonly data: AccountsFile | undefined; readonly value: T },
    onSetAside: (movedTo: string) => void,
  ): Promise<T> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const outcome = await withFileLock(
      this.file,
      async () => {
        let current: AccountsFile;
        try {
          current = await this.#read();
        } catch (error) {
          if (!(error instanceof CliInputError)) throw error;
          const movedTo = `${this.file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
          await rename(this.file, movedTo);
          onSetAside(movedTo);
          current = { accounts: {} };
        }
        const { data, value } = change(current);
        if (data) await this.#write(data);
        return value;
      },
      { waitMs: 10_000 },
    );
    if (!outcome.locked) throw new CliInputError(`${this.file} stayed locked by another coldatom process for 10 s; try again`);
    return outcome.value;
  }

  async #write(data: AccountsFile): Promise<void> {
    const dir = path.dirname(this.file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // The folder may predate us with a wider mode; it holds secrets, so it is narrowed every time.
    await chmod(dir, 0o700);
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.file);
    } finally {
      await rm(temp, { force: true });
    }
    await chmod(this.file, 0o600);
  }

  /** Saves (or replaces) the token for a URL; resolves with the account key. `onSetAside` hears of an unreadable file moved aside. */
  async save(url: string, token: string, onSetAside: (movedTo: string) => void = () => undefined): Promise<string> {
    const key = accountKey(url);
    return this.#update((data) => ({ data: { accounts: { ...data.accounts, [key]: { token, savedAt: new Date().toISOString() } } }, value: key }), onSetAside);
  }

  /** Forgets the token of a URL; false when none was saved. `onSetAside` hears of an unreadable file moved aside. */
  async remove(url: string, onSetAside: (movedTo: string) => void = () => undefined): Promise<boolean> {
    const key = accountKey(url);
    return this.#update((data) => {
      if (!(key in data.accounts)) return { data: undefined, value: false };
      const { [key]: _removed, ...rest } = data.accounts;
      return { data: { accounts: rest }, value: true };
    }, onSetAside);
  }

  /** The saved URLs (never the tokens). */
  async list(): Promise<{ readonly url: string; readonly savedAt: string }[]> {
    const data = await this.#read();
    return Object.entries(data.accounts).map(([url, account]) => ({ url, savedAt: account.savedAt }));
  }

  /** The token saved for a backend base URL or for an API root above it. */
  async tokenFor(target: string): Promise<string | undefined> {
    let key: string;
    try {
      key = accountKey(target);
    } catch {
      return undefined;
    }
    const data = await this.#read();
    const [match] = Object.entries(data.accounts)
      .filter(([saved]) => key === saved || key.startsWith(`${saved}/`))
      .sort(([a], [b]) => b.length - a.length);
    return match?.[1].token;
  }
}

/**
 * The token for a target: `COLDATOM_TOKEN` wins over a saved one; local backends need none.
 */
export async function tokenFor(target: string, env: Readonly<Record<string, string | undefined>>, store: AccountStore): Promise<string | undefined> {
  if (target.startsWith('local:')) return undefined;
  const fromEnv = env.COLDATOM_TOKEN;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return store.tokenFor(target);
}
