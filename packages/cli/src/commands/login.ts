import { z } from 'zod';
import { AccountStore, accountKey } from '../accounts.js';
import { readAll, type CliIo } from '../cli-io.js';
import { CliInputError } from '../cli-input-error.js';
import { parseOptions } from '../command.js';
import { ExitCode } from '../exit-code.js';
import { cliPaths } from '../paths.js';

const LoginOptions = z.object({ tokenStdin: z.boolean().optional() });

/** Tells the user that an unreadable accounts file was moved aside (its tokens are in it, unread). */
const setAsideWarning =
  (io: CliIo) =>
  (movedTo: string): void =>
    void io.stderr.write(`warning: the accounts file could not be read; moved it aside to ${movedTo} (mode 0600) and started a new one\n`);

export async function login([url]: readonly [url: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(LoginOptions, raw);
  accountKey(url);
  if (!options.tokenStdin) {
    throw new CliInputError(
      'Pass the token on standard input with --token-stdin (it never appears in arguments, history or output), e.g.:  coldatom login <url> --token-stdin < token.txt',
    );
  }
  const lines = (await readAll(io.stdin))
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const [token, ...more] = lines;
  if (token === undefined || more.length > 0 || /\s/.test(token)) throw new CliInputError('Expected exactly one token (one line, no spaces) on standard input');
  const store = new AccountStore(cliPaths(io.env).accountsFile);
  const key = await store.save(url, token, setAsideWarning(io));
  io.stdout.write(`Saved a token for ${key} in ${store.file}\n`);
  if (io.env.COLDATOM_TOKEN) io.stderr.write('note: COLDATOM_TOKEN is set and takes precedence over saved tokens\n');
  return ExitCode.ok;
}

export async function logout([url]: readonly [url: string], _raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const store = new AccountStore(cliPaths(io.env).accountsFile);
  const key = accountKey(url);
  const removed = await store.remove(url, setAsideWarning(io));
  io.stdout.write(removed ? `Removed the token for ${key}\n` : `No token was saved for ${key}\n`);
  return ExitCode.ok;
}
