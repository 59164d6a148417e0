import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/main.js';
import { ExitCode, main } from '../src/index.js';
import type { CommandDefinition } from '../src/command.js';
import { fakeIo } from './support/fake-io.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const configDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'coldatom-cli-'));

/** Every command path, e.g. ['run'], ['jobs', 'list']. */
function commandPaths(definitions: readonly CommandDefinition[], prefix: string[] = []): string[][] {
  return definitions.flatMap((d) => [[...prefix, d.name], ...commandPaths(d.subcommands ?? [], [...prefix, d.name])]);
}

describe('coldatom --help', () => {
  it.each(commandPaths(COMMANDS).map((p) => [p.join(' '), p]))('%s --help shows usage and an example, exit 0', async (_name, words) => {
    const io = fakeIo();
    expect(await main([...words, '--help'], io)).toBe(ExitCode.ok);
    expect(io.stdout.text).toContain(`Usage: coldatom ${words.join(' ')}`);
    expect(io.stdout.text).toMatch(/Examples?:\n {2}\$ coldatom /);
  });

  it('lists every command at the top level', async () => {
    const io = fakeIo();
    expect(await main(['--help'], io)).toBe(ExitCode.ok);
    for (const command of COMMANDS) expect(io.stdout.text).toContain(command.name);
  });
});

describe('coldatom usage errors', () => {
  it('exits 2 for an unknown command, a missing argument and an unknown option', async () => {
    for (const argv of [['frobnicate'], ['run'], ['run', 'x.json', '--no-such-flag'], ['jobs']]) {
      const io = fakeIo();
      expect(await main(argv, io), argv.join(' ')).toBe(ExitCode.badInput);
      expect(io.stderr.text).not.toBe('');
    }
  });

  it('exits 2 naming the flag when an option value is invalid', async () => {
    const io = fakeIo({ env: { COLDATOM_CONFIG_DIR: await configDir() } });
    expect(await main(['run', 'examples/rabi.json', '--max-active-jobs', 'zero'], io)).toBe(ExitCode.badInput);
    expect(io.stderr.text).toMatch(/--max-active-jobs: /);
  });

  it('exits 2 for a spec file that does not exist, naming it', async () => {
    const io = fakeIo({ env: { COLDATOM_CONFIG_DIR: await configDir() } });
    expect(await main(['compile', 'no/such/spec.json'], io)).toBe(ExitCode.badInput);
    expect(io.stderr.text).toContain('no/such/spec.json');
  });

  it('exits 2 for a target that carries a token in its URL, without echoing it', async () => {
    const io = fakeIo({ env: { COLDATOM_CONFIG_DIR: await configDir() }, cwd: ROOT });
    expect(await main(['config', 'https://host/api/v2/singlequdit?token=very-secret-1'], io)).toBe(ExitCode.badInput);
    expect(io.stderr.text + io.stdout.text).not.toContain('very-secret-1');
  });
});

describe('coldatom login', () => {
  it('saves the token from stdin with mode 0600 and never prints it', async () => {
    const dir = await configDir();
    const io = fakeIo({ env: { COLDATOM_CONFIG_DIR: dir }, stdin: 'tok-login-7f3a\n' });
    expect(await main(['login', 'https://qlued.example/api/v3', '--token-stdin'], io)).toBe(ExitCode.ok);
    expect(io.stdout.text).toContain('Saved a token for https://qlued.example/api/v3');
    expect(io.stdout.text + io.stderr.text).not.toContain('tok-login-7f3a');
    const file = path.join(dir, 'accounts.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain('tok-login-7f3a');
  });

  it('refuses to run without --token-stdin and refuses more than one token', async () => {
    const dir = await configDir();
    const without = fakeIo({ env: { COLDATOM_CONFIG_DIR: dir } });
    expect(await main(['login', 'https://h/api/v3'], without)).toBe(ExitCode.badInput);
    const two = fakeIo({ env: { COLDATOM_CONFIG_DIR: dir }, stdin: 'tok-a\ntok-b\n' });
    expect(await main(['login', 'https://h/api/v3', '--token-stdin'], two)).toBe(ExitCode.badInput);
    expect(two.stderr.text).not.toMatch(/tok-a|tok-b/);
  });

  it('logout forgets the token', async () => {
    const dir = await configDir();
    await main(['login', 'https://h/api/v3', '--token-stdin'], fakeIo({ env: { COLDATOM_CONFIG_DIR: dir }, stdin: 'tok-x' }));
    const io = fakeIo({ env: { COLDATOM_CONFIG_DIR: dir } });
    expect(await main(['logout', 'https://h/api/v3/'], io)).toBe(ExitCode.ok);
    expect(io.stdout.text).toContain('Removed the token for https://h/api/v3');
    expect(await readFile(path.join(dir, 'accounts.json'), 'utf8')).not.toContain('tok-x');
  });
});

describe('coldatom backends / config', () => {
  it('lists the local simulators as targets', async () => {
    const io = fakeIo();
    expect(await main(['backends', '--json'], io)).toBe(ExitCode.ok);
    const listed = JSON.parse(io.stdout.text) as { target: string }[];
    expect(listed.map((b) => b.target)).toEqual(['local:singlequdit', 'local:multiqudit', 'local:fermions', 'local:rydberg', 'local:mot']);
  });

  it('describes a local backend: gates, parameters and coupling maps', async () => {
    const io = fakeIo();
    expect(await main(['config', 'local:fermions'], io)).toBe(ExitCode.ok);
    expect(io.stdout.text).toMatch(/fermions \(alqor_fermions_simulator/);
    expect(io.stdout.text).toMatch(/│ fhop\s+│ j_i\s+│ \[0,1,2,3\] \[2,3,4,5\]/);
  });

  it('exits 2 for an unknown local backend', async () => {
    const io = fakeIo();
    expect(await main(['status', 'local:nonesuch'], io)).toBe(ExitCode.badInput);
    expect(io.stderr.text).toContain('nonesuch');
  });
});

describe('coldatom probs', () => {
  /** A job payload file (in a fresh folder) of one experiment, `experiment_0`: one wire, one shot. */
  async function payloadFile(instructions: readonly (readonly [string, number[], number[]])[]): Promise<string> {
    const file = path.join(await configDir(), 'payload.json');
    await writeFile(file, JSON.stringify({ experiment_0: { instructions, shots: 1, num_wires: 1, wire_order: 'interleaved' } }));
    return file;
  }

  it('needs --backend local:<name> for a payload file', async () => {
    const file = await payloadFile([
      ['load', [0], [2]],
      ['rlx', [0], [Math.PI]],
      ['measure', [0], []],
    ]);
    const missing = fakeIo();
    expect(await main(['probs', file], missing)).toBe(ExitCode.badInput);
    expect(missing.stderr.text).toContain('--backend local:<name>');
    const io = fakeIo();
    expect(await main(['probs', file, '--backend', 'local:singlequdit'], io)).toBe(ExitCode.ok);
    const probs = JSON.parse(io.stdout.text) as Record<string, Record<string, number>>;
    expect(probs.experiment_0!['2']).toBeCloseTo(1, 12);
  });

  it('validates a payload against the backend before simulating it (exit 2, rule named)', async () => {
    const file = await payloadFile([
      ['rlx', [0], [99]],
      ['measure', [0], []],
    ]);
    const io = fakeIo();
    expect(await main(['probs', file, '--backend', 'local:singlequdit'], io)).toBe(ExitCode.badInput);
    expect(io.stderr.text).toMatch(/experiment_0, instruction 0 \(rlx.*\[rule: [a-z-]+\]/);
  });
});

describe('coldatom jobs (empty journal)', () => {
  it('says the journal is empty, that nothing needs resuming, and exits 2 for an unknown id', async () => {
    const env = { COLDATOM_CONFIG_DIR: await configDir() };
    const list = fakeIo({ env });
    expect(await main(['jobs', 'list'], list)).toBe(ExitCode.ok);
    expect(list.stdout.text).toMatch(/has no jobs/);
    const resume = fakeIo({ env });
    expect(await main(['jobs', 'resume'], resume)).toBe(ExitCode.ok);
    expect(resume.stdout.text).toMatch(/Nothing to resume/);
    const show = fakeIo({ env });
    expect(await main(['jobs', 'show', 'nope'], show)).toBe(ExitCode.badInput);
    expect(show.stderr.text).toMatch(/No job nope in the journal/);
  });
});

describe('coldatom run (in-process, local simulator)', () => {
  it('prints a JSON summary on stdout with --json, progress on stderr, and writes the files', async () => {
    const dir = await configDir();
    const io = fakeIo({ env: { COLDATOM_CONFIG_DIR: dir }, cwd: ROOT });
    expect(await main(['run', 'examples/one-axis-twisting.json', '--json', '--out', path.join(dir, 'out')], io)).toBe(ExitCode.ok);
    const summary = JSON.parse(io.stdout.text) as {
      spec: string;
      parameters: string[];
      points: { values: { chi: number }; mean: number[] }[];
      files: string[];
    };
    expect(summary.spec).toBe('one-axis-twisting');
    expect(summary.parameters).toEqual(['chi']);
    expect(summary.points).toHaveLength(21);
    expect(summary.points[0]).toMatchObject({ values: { chi: 0 }, mean: [40] });
    expect(summary.files.map((f) => path.basename(f))).toEqual(['results.json', 'results.csv', 'plot.svg']);
    expect(io.stderr.text).toMatch(/^progress: 21\/21 experiments done/m);
  });

  it('stops on Ctrl-C with exit 130 and says that local jobs end with the process', async () => {
    const dir = await configDir();
    const io = fakeIo({ env: { COLDATOM_CONFIG_DIR: dir }, cwd: ROOT });
    io.interruptAtFirstWait();
    expect(await main(['run', 'examples/rabi.json', '--out', path.join(dir, 'out')], io)).toBe(ExitCode.interrupted);
    expect(io.stderr.text).toContain('Stopped. local:singlequdit runs inside this process, so its jobs ended with it');
    await expect(stat(path.join(dir, 'out'))).rejects.toThrow();
  });
});
