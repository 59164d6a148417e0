import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountStore, accountKey, tokenFor } from '../src/accounts.js';
import { cliPaths } from '../src/paths.js';

const tempDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'coldatom-accounts-'));
const mode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

describe('cliPaths', () => {
  it('uses COLDATOM_CONFIG_DIR first, then $XDG_CONFIG_HOME/coldatom, then ~/.config/coldatom', () => {
    expect(cliPaths({ COLDATOM_CONFIG_DIR: '/x/c', XDG_CONFIG_HOME: '/x/xdg' }).accountsFile).toBe('/x/c/accounts.json');
    expect(cliPaths({ XDG_CONFIG_HOME: '/x/xdg' }).journalDir).toBe('/x/xdg/coldatom/journal');
    expect(cliPaths({}).configDir.endsWith(path.join('.config', 'coldatom'))).toBe(true);
  });
});

describe('accountKey', () => {
  it('normalizes the host case and trailing slashes', () => {
    expect(accountKey('https://QLUED.alqor.io/api/v3/')).toBe('https://qlued.alqor.io/api/v3');
  });

  it('refuses URLs that carry a query, credentials or another scheme', () => {
    expect(() => accountKey('https://h/api/v3?token=abc')).toThrow(/query/);
    expect(() => accountKey('https://u:p@h/api/v3')).toThrow(/credentials/);
    expect(() => accountKey('ftp://h/api')).toThrow(/http/);
    expect(() => accountKey('not a url')).toThrow(/not a URL/);
  });
});

describe('AccountStore', () => {
  it('stores tokens in a file of mode 0600 inside a folder of mode 0700', async () => {
    const dir = path.join(await tempDir(), 'coldatom');
    const store = new AccountStore(path.join(dir, 'accounts.json'));
    await store.save('https://host/api/v3', 'tok-1');
    expect(await mode(store.file)).toBe(0o600);
    expect(await mode(dir)).toBe(0o700);
  });

  it('narrows a folder that already existed with a wider mode', async () => {
    const dir = path.join(await tempDir(), 'coldatom');
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await new AccountStore(path.join(dir, 'accounts.json')).save('https://host/api/v3', 'tok-1');
    expect(await mode(dir)).toBe(0o700);
  });

  it('serves a token saved for an API root to every backend below it, the longest match winning', async () => {
    const store = new AccountStore(path.join(await tempDir(), 'accounts.json'));
    await store.save('https://host/api/v3', 'root-token');
    await store.save('https://host/api/v3/fermions', 'fermions-token');
    expect(await store.tokenFor('https://host/api/v3/singlequdit')).toBe('root-token');
    expect(await store.tokenFor('https://HOST/api/v3/fermions/')).toBe('fermions-token');
    expect(await store.tokenFor('https://host/api/v2/singlequdit')).toBeUndefined();
    expect(await store.tokenFor('https://host/api/v33/x')).toBeUndefined();
  });

  it('replaces, lists (without tokens) and removes accounts', async () => {
    const store = new AccountStore(path.join(await tempDir(), 'accounts.json'));
    await store.save('https://host/api/v3', 'old');
    await store.save('https://host/api/v3', 'new');
    expect(await store.tokenFor('https://host/api/v3/x')).toBe('new');
    const listed = await store.list();
    expect(listed.map((a) => a.url)).toEqual(['https://host/api/v3']);
    expect(JSON.stringify(listed)).not.toContain('new');
    expect(await store.remove('https://host/api/v3')).toBe(true);
    expect(await store.remove('https://host/api/v3')).toBe(false);
    expect(await store.tokenFor('https://host/api/v3/x')).toBeUndefined();
  });

  it('refuses a file that is not an accounts file, naming it', async () => {
    const file = path.join(await tempDir(), 'accounts.json');
    await writeFile(file, '{"accounts": {"https://h": {"tok": 1}}}');
    await expect(new AccountStore(file).tokenFor('https://h/x')).rejects.toThrow(file);
  });
});

describe('tokenFor', () => {
  it('prefers COLDATOM_TOKEN over a saved token, and gives local backends none', async () => {
    const store = new AccountStore(path.join(await tempDir(), 'accounts.json'));
    await store.save('https://host/api/v3', 'saved');
    expect(await tokenFor('https://host/api/v3/x', { COLDATOM_TOKEN: 'from-env' }, store)).toBe('from-env');
    expect(await tokenFor('https://host/api/v3/x', {}, store)).toBe('saved');
    expect(await tokenFor('local:singlequdit', { COLDATOM_TOKEN: 'from-env' }, store)).toBeUndefined();
    expect(JSON.parse(await readFile(store.file, 'utf8'))).toMatchObject({ accounts: { 'https://host/api/v3': { token: 'saved' } } });
  });
});
