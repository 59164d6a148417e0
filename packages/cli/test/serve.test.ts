/** `coldatom serve`: tokens that never appear in `ps`, the exposure warning, the limits as flags. */
import { describe, expect, it, vi } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { exposureWarning, isLoopbackHost } from '../src/commands/serve.js';
import { fakeIo, type FakeIo } from './support/fake-io.js';
import { useRealNetwork } from '../../../test/support/real-network.js';

useRealNetwork();

/** Runs `coldatom serve` in process until `use` is done with its URL, then stops it with Ctrl-C. */
async function serving(args: readonly string[], io: FakeIo, use: (base: string) => Promise<void>): Promise<number> {
  const exit = main(['serve', '--port', '0', ...args], io);
  const base = await vi.waitFor(
    () => {
      const match = /^listening (\S+)$/m.exec(io.stdout.text);
      if (!match) throw new Error('not listening yet');
      return match[1]!;
    },
    { timeout: 10_000, interval: 10 },
  );
  try {
    await use(base);
  } finally {
    io.interrupt();
  }
  return exit;
}

const statusWith = async (base: string, token?: string): Promise<number> =>
  (await fetch(`${base}/api/v3/singlequdit/get_job_status?job_id=abc`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } })).status;

describe('coldatom serve', () => {
  it('reads tokens from standard input with --token-stdin, one per line, and accepts only them', async () => {
    const io = fakeIo({ stdin: 'first-token\n\n  second-token  \n' });
    const code = await serving(['--token-stdin'], io, async (base) => {
      expect(await statusWith(base, 'first-token')).toBe(406);
      expect(await statusWith(base, 'second-token')).toBe(406);
      expect(await statusWith(base, 'third-token')).toBe(401);
      expect(await statusWith(base)).toBe(401);
    });
    expect(code).toBe(ExitCode.ok);
    expect(io.stdout.text).toContain('tokens: 2 accepted');
    expect(io.stdout.text + io.stderr.text).not.toMatch(/first-token|second-token/);
  });

  it('reads comma-separated tokens from COLDATOM_SERVE_TOKENS', async () => {
    const io = fakeIo({ env: { COLDATOM_SERVE_TOKENS: 'env-a, env-b' } });
    await serving([], io, async (base) => {
      expect(await statusWith(base, 'env-b')).toBe(406);
      expect(await statusWith(base, 'env-c')).toBe(401);
    });
    expect(io.stdout.text).toContain('tokens: 2 accepted');
    expect(io.stderr.text).not.toContain('warning');
  });

  it('refuses --token-stdin without a token, or with spaces inside one, before listening', async () => {
    for (const stdin of ['', 'two words\n']) {
      const io = fakeIo({ stdin });
      expect(await main(['serve', '--port', '0', '--token-stdin'], io)).toBe(ExitCode.badInput);
      expect(io.stdout.text).not.toContain('listening');
    }
  });

  it('notes that --token shows in ps', async () => {
    const io = fakeIo();
    await serving(['--token', 'visible-token'], io, async (base) => {
      expect(await statusWith(base, 'visible-token')).toBe(406);
    });
    expect(io.stderr.text).toContain('--token is visible to other users of this machine');
  });

  it('passes the limits to the server: a job beyond --max-shots-per-job gets a 413 naming it', async () => {
    const io = fakeIo();
    await serving(
      [
        '--max-shots-per-job',
        '1000',
        '--result-memory-mb',
        '1',
        '--result-disk-mb',
        '10',
        '--result-max-age',
        '60',
        '--headers-timeout',
        '5',
        '--request-timeout',
        '10',
        '--max-connections',
        '50',
        '--max-connections-per-client',
        '10',
      ],
      io,
      async (base) => {
        const payload = {
          e: {
            instructions: [
              ['load', [0], [50]],
              ['measure', [0], []],
            ],
            shots: 1001,
            num_wires: 1,
            wire_order: 'interleaved',
          },
        };
        const res = await fetch(`${base}/api/v3/singlequdit/post_job`, { method: 'POST', body: JSON.stringify({ payload }) });
        expect(res.status).toBe(413);
        expect(((await res.json()) as { detail: string }).detail).toContain('limit is 1000 shots per job');
      },
    );
  });

  it('lets the pages of each --cors-origin call it, preflight included, and no other', async () => {
    const io = fakeIo();
    await serving(['--cors-origin', 'http://localhost:5173', '--cors-origin', 'https://lab.example'], io, async (base) => {
      const pre = await fetch(`${base}/api/v3/singlequdit/post_job`, {
        method: 'OPTIONS',
        headers: { origin: 'https://lab.example', 'access-control-request-method': 'POST' },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://lab.example');
      const get = await fetch(`${base}/api/v3/singlequdit/get_config`, { headers: { origin: 'http://localhost:5173' } });
      expect(get.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const other = await fetch(`${base}/api/v3/singlequdit/get_config`, { headers: { origin: 'http://localhost:8080' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
    expect(io.stdout.text).toContain('cors: web pages on http://localhost:5173, https://lab.example may call this server');
  });

  it('refuses a --cors-origin that is not an exact origin before listening', async () => {
    const io = fakeIo();
    expect(await main(['serve', '--port', '0', '--cors-origin', 'http://localhost:5173/'], io)).toBe(ExitCode.badInput);
    expect(io.stderr.text).toContain('--cors-origin "http://localhost:5173/" is not an origin');
    expect(io.stdout.text).not.toContain('listening');
  });

  it('lists the token and limit flags in --help', async () => {
    const io = fakeIo();
    expect(await main(['serve', '--help'], io)).toBe(ExitCode.ok);
    for (const flag of [
      '--token-stdin',
      'COLDATOM_SERVE_TOKENS',
      '--max-shots-per-job',
      '--result-memory-mb',
      '--result-disk-mb',
      '--result-max-age',
      '--data-dir',
      '--headers-timeout',
      '--request-timeout',
      '--max-connections',
      '--max-connections-per-client',
      '--cors-origin',
    ]) {
      expect(io.stdout.text).toContain(flag);
    }
  });
});

describe('exposureWarning', () => {
  it('warns about a host beyond loopback without a token', () => {
    expect(exposureWarning('0.0.0.0', 0)).toMatch(/^warning: serving on 0\.0\.0\.0 without a token: .*--token-stdin or COLDATOM_SERVE_TOKENS$/);
    expect(exposureWarning('::', 0)).toContain('serving on :: without a token');
    expect(exposureWarning('192.168.1.20', 0)).toBeDefined();
  });

  it('says nothing on loopback or with a token', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true);
    expect(exposureWarning('127.0.0.1', 0)).toBeUndefined();
    expect(exposureWarning('0.0.0.0', 1)).toBeUndefined();
  });
});
