/**
 * The `coldatom` command as child processes from sources (through tsx), for end-to-end specs: one
 * call to completion, or a running process whose lines can be awaited. Everything printed is kept
 * so specs can check that no token ever appears.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = ['--conditions=@coldatom/source', '--import', 'tsx', 'packages/cli/src/bin.ts'];
export const TOKEN = 'tok-e2e-never-printed-5d1f';
export const RABI_QASM = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg c[1];\nload(50) q[0];\nrlx(theta) q[0];\nmeasure q[0] -> c[0];\n';

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Everything any command printed in this test, to check that no token ever appears. */
let printed: string[] = [];
afterEach(() => {
  expect(printed.join('\n')).not.toContain(TOKEN);
  printed = [];
});

export const newConfigDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'coldatom-e2e-'));

/** Runs `coldatom …` to completion. */
export function coldatom(
  args: readonly string[],
  configDir: string,
  options: { readonly stdin?: string; readonly env?: Record<string, string> } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...CLI, ...args],
      { cwd: ROOT, env: { ...process.env, COLDATOM_CONFIG_DIR: configDir, ...options.env } },
      (error, stdout, stderr) => {
        printed.push(stdout, stderr);
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

/** A running child whose stdout and stderr lines can be awaited. */
export class Running {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly exited: Promise<Outcome>;
  #waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];

  constructor(args: readonly string[], configDir: string, env: Readonly<Record<string, string>> = {}) {
    this.child = spawn(process.execPath, [...CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, COLDATOM_CONFIG_DIR: configDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    for (const [stream, append] of [
      [this.child.stdout!, (s: string) => (stdout += s)],
      [this.child.stderr!, (s: string) => (stderr += s)],
    ] as const) {
      createInterface({ input: stream }).on('line', (line) => {
        append(`${line}\n`);
        this.lines.push(line);
        const [matched, waiting] = [this.#waiters.filter((w) => w.test(line)), this.#waiters.filter((w) => !w.test(line))];
        this.#waiters = waiting;
        for (const waiter of matched) waiter.resolve(line);
      });
    }
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code, signal) => {
        printed.push(stdout, stderr);
        resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
      }),
    );
  }

  /**
   * The first line (already printed or still to come) that matches; rejects after `timeoutMs` with
   * every line seen so far, so a spec that waits in vain says what it saw instead.
   */
  line(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const seen = this.lines.find((l) => pattern.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matched ${pattern} within ${timeoutMs} ms; lines:\n${this.lines.join('\n')}`)), timeoutMs);
      this.#waiters.push({
        test: (l) => pattern.test(l),
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  }
}

export async function serve(configDir: string, port = 0): Promise<{ readonly url: string; readonly server: Running }> {
  const server = new Running(['serve', '--port', String(port)], configDir, { COLDATOM_SERVE_TOKENS: TOKEN });
  const first = await server.line(/./);
  expect(first).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+$/);
  return { url: first.slice('listening '.length), server };
}

export async function stop(server: Running, signal: NodeJS.Signals = 'SIGINT'): Promise<Outcome> {
  server.child.kill(signal);
  return server.exited;
}

export const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;
