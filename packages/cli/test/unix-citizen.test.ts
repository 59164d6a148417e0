/**
 * The command as a Unix citizen: escape codes only for terminals that take them, `--quiet`, a closed
 * pipe, shell completion. In-process through `main` where a fake terminal is enough; as a child
 * process (from sources, through tsx) where the real process streams matter.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { fakeIo } from './support/fake-io.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ESCAPE = '\u001b[';
const configDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'coldatom-unix-'));

describe('escape codes', () => {
  it('colour a capable terminal (the baseline the other cases turn off)', async () => {
    const io = fakeIo({ tty: true, env: { TERM: 'xterm-256color' }, cwd: ROOT });
    expect(await main(['config', 'local:singlequdit'], io)).toBe(ExitCode.ok);
    expect(io.stdout.text).toContain(ESCAPE);
  });

  it.each([
    ['TERM=dumb', { TERM: 'dumb' }, []],
    ['NO_COLOR=1', { TERM: 'xterm-256color', NO_COLOR: '1' }, []],
    ['--no-color before the command', { TERM: 'xterm-256color' }, ['--no-color']],
    ['--no-color after the command', { TERM: 'xterm-256color' }, ['@after', '--no-color']],
  ] as const)('are never written under %s', async (_name, env, flags) => {
    const io = fakeIo({ tty: true, env: { ...env }, cwd: ROOT });
    const argv = flags[0] === '@after' ? ['config', 'local:singlequdit', ...flags.slice(1)] : [...flags, 'config', 'local:singlequdit'];
    expect(await main(argv, io)).toBe(ExitCode.ok);
    expect(io.stdout.text).toContain('rlx');
    expect(io.stdout.text).not.toContain(ESCAPE);
  });

  it('a run on a TERM=dumb terminal shows progress as plain lines, not a redrawn display', async () => {
    const dir = await configDir();
    const io = fakeIo({ tty: true, env: { TERM: 'dumb', COLDATOM_CONFIG_DIR: dir }, cwd: ROOT });
    expect(await main(['run', 'examples/rabi.json', '--out', path.join(dir, 'out')], io)).toBe(ExitCode.ok);
    expect(io.stderr.text).toMatch(/^progress: 21\/21 experiments done/m);
    expect(io.stderr.text + io.stdout.text).not.toContain(ESCAPE);
  });
});

describe('--quiet', () => {
  it('prints the results and no progress or chatter', async () => {
    const dir = await configDir();
    const io = fakeIo({ env: { COLDATOM_CONFIG_DIR: dir }, cwd: ROOT });
    expect(await main(['run', 'examples/rabi.json', '--quiet', '--out', path.join(dir, 'out')], io)).toBe(ExitCode.ok);
    expect(io.stderr.text).toBe('');
    expect(io.stdout.text).not.toMatch(/experiments × 200 shots/);
    expect(io.stdout.text).toMatch(/│\s+3\.142 │\s+50 ± 0 │/);
  });
});

/** Runs the command from sources as a child process; `onStdout` may close our end of its stdout. */
function coldatom(
  args: readonly string[],
  onStdout?: (child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@coldatom/source', '--import', 'tsx', 'packages/cli/src/bin.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, COLDATOM_CONFIG_DIR: path.join(tmpdir(), 'coldatom-unix-child') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a closed pipe', () => {
  it('ends `coldatom run … | head -1` quietly with exit 0', async () => {
    const outcome = await coldatom(['run', 'examples/rabi.json', '--out', path.join(await configDir(), 'out')], (child) => child.stdout?.destroy());
    expect(outcome.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(outcome.code).toBe(0);
  });
});

describe('coldatom completion', () => {
  it.each(['bash', 'zsh', 'fish'])('prints a %s script that asks coldatom for candidates', async (shell) => {
    const outcome = await coldatom(['completion', shell]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('coldatom');
    expect(outcome.stdout).toMatch(/complete/);
  });

  it('offers the subcommands of `jobs` and the options of `run`', async () => {
    const jobs = await coldatom(['complete', '--', 'jobs', '']);
    expect(jobs.stdout.split('\n').map((l) => l.split('\t')[0])).toEqual(expect.arrayContaining(['list', 'show', 'resume', 'result', 'export']));
    const run = await coldatom(['complete', '--', 'run', '--']);
    expect(run.stdout).toMatch(/^--max-active-jobs\t/m);
  });
});
