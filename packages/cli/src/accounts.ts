import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CliInputError } from './cli-input-error.js';

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
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new CliInputError(`"${url}" is not a URL (expected e.g. https://qlued.alqor.io/api/v3 or …/api/v3/singlequdit)`, [], { cause });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new CliInputError(`"${url}" is not an http(s) URL`);
  if (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') {
    throw new CliInputError(`The URL must not carry a query, fragment or credentials; give the backend base URL only`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
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
    const parsed = AccountsFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new CliInputError(`${this.file} is not a coldatom accounts file; fix or delete it`);
    return parsed.data;
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

  /** Saves (or replaces) the token for a URL; resolves with the account key. */
  async save(url: string, token: string): Promise<string> {
    const key = accountKey(url);
    const data = await this.#read();
    await this.#write({ accounts: { ...data.accounts, [key]: { token, savedAt: new Date().toISOString() } } });
    return key;
  }

  /** Forgets the token of a URL; false when none was saved. */
  async remove(url: string): Promise<boolean> {
    const key = accountKey(url);
    const data = await this.#read();
    if (!(key in data.accounts)) return false;
    const { [key]: _removed, ...rest } = data.accounts;
    await this.#write({ accounts: rest });
    return true;
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
    const match = Object.keys(data.accounts)
      .filter((saved) => key === saved || key.startsWith(`${saved}/`))
      .sort((a, b) => b.length - a.length)[0];
    return match === undefined ? undefined : data.accounts[match]!.token;
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
