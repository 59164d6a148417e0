/**
 * Inputs that used to exhaust the process are refused before any work starts, with a message
 * that names where and why: the `coldatom` command as a child process, each case bounded in time
 * by the spec's timeout (they took 20 s to minutes, or crashed the heap, before).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RABI_QASM, coldatom, newConfigDir } from './support/cli-process.js';

const spec = (circuit: Record<string, unknown>, sweep: Record<string, unknown>): string =>
  JSON.stringify({ backend: 'local:singlequdit', shots: 10, circuit, sweep });

describe('bounded inputs', () => {
  it('refuses a million-point linspace before compiling anything, and says how to lift the cap', async () => {
    const dir = await newConfigDir();
    const file = path.join(dir, 'huge.json');
    await writeFile(file, spec({ qasm: RABI_QASM }, { theta: { linspace: [0, 1, 1_000_000] } }));
    const outcome = await coldatom(['compile', file], dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/1000000 points.*10000/s);
    expect(outcome.stdout).toBe('');
  });

  it('refuses a 10,000-wire QASM register before parsing the program', async () => {
    const dir = await newConfigDir();
    const file = path.join(dir, 'wide.json');
    await writeFile(file, spec({ qasm: 'OPENQASM 2.0;\nqreg q[10000];\nload(1) q[0];\nthis is not qasm\n' }, {}));
    const outcome = await coldatom(['compile', file], dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/declares 10000 qubits/);
  });

  it('refuses an experiment numbered past max_experiments that asks for 10⁹ wires, naming it, instead of allocating', async () => {
    const dir = await newConfigDir();
    const file = path.join(dir, 'payload.json');
    await writeFile(
      file,
      JSON.stringify({ experiment_1001: { instructions: [['measure', [0], []]], shots: 1, num_wires: 1_000_000_000, wire_order: 'interleaved' } }),
    );
    const outcome = await coldatom(['probs', file, '--backend', 'local:multiqudit'], dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/experiment_1001/);
    expect(outcome.stderr).toMatch(/num_wires|wires/);
  });

  it('refuses parameters nested 100,000 deep with a message, not a stack overflow', async () => {
    const dir = await newConfigDir();
    const file = path.join(dir, 'deep.json');
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    await writeFile(file, `{"experiment_0": {"instructions": [["rlx", [0], ${deep}]], "shots": 1, "num_wires": 1, "wire_order": "interleaved"}}`);
    const outcome = await coldatom(['probs', file, '--backend', 'local:singlequdit'], dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).not.toMatch(/Maximum call stack|RangeError/);
    expect(outcome.stderr).toMatch(/deep|nest/i);
  });
});
