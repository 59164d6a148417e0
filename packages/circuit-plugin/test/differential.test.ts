import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

interface Run {
  readonly mode: string;
  readonly installed: boolean;
  readonly results: Record<string, Record<string, unknown>>;
}

/** One fresh process: quantum-circuit alone, or with every cold-atom gate installed first. */
function run(mode: 'plain' | 'plugin'): Run {
  const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['--conditions=@coldatom/source', path.join(here, 'fixtures/differential-run.ts'), mode], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out) as Run;
}

describe('quantum-circuit behaves the same with the cold-atom gates installed', () => {
  it('for standard circuits: run, every exporter, save/load and OpenQASM give identical outputs', () => {
    const plain = run('plain');
    const plugin = run('plugin');
    expect(plain.installed).toBe(false);
    expect(plugin.installed).toBe(true);
    const circuits = Object.keys(plain.results);
    expect(circuits).toEqual(['bell', 'parametrised', 'custom gates named like cold-atom gates', 'OpenQASM with gate definitions named like cold-atom gates']);
    for (const circuit of circuits) {
      const operations = Object.keys(plain.results[circuit]!);
      expect(operations.length).toBeGreaterThan(20);
      for (const operation of operations) {
        expect(plugin.results[circuit]![operation], `${circuit}: ${operation}`).toEqual(plain.results[circuit]![operation]);
      }
    }
    // The user's own gates ran: the custom `load` (an x) leaves wire 0 in |1⟩.
    expect(JSON.stringify(plugin.results['custom gates named like cold-atom gates']!.run)).not.toContain('error');
  }, 120_000);
});
