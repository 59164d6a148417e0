import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { referenceBackends } from '@coldatom/backend-config';
import { ScanSpec, compileScanSpec, loadScanSpec } from '@coldatom/circuit-plugin';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const RABI_QASM = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg c[1];\nload(10) q[0];\nrlx(theta) q[0];\nmeasure q[0] -> c[0];\n';
const singlequdit = referenceBackends.singlequdit.config;

async function specFile(spec: unknown, extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'coldatom-spec-'));
  for (const [name, text] of Object.entries(extra)) await writeFile(path.join(dir, name), text);
  await writeFile(path.join(dir, 'spec.json'), JSON.stringify(spec));
  return path.join(dir, 'spec.json');
}

describe('ScanSpec', () => {
  it('converts to JSON Schema (it holds no transforms)', () => {
    const schema = z.toJSONSchema(ScanSpec, { target: 'draft-2020-12', io: 'input' });
    expect(schema.$defs?.ScanSpec).toMatchObject({ type: 'object', required: ['backend', 'shots', 'circuit'] });
  });
});

describe('loadScanSpec', () => {
  it('reads an inline OpenQASM circuit', async () => {
    const file = await specFile({ backend: 'local:singlequdit', shots: 5, seed: 3, circuit: { qasm: RABI_QASM }, sweep: { theta: { linspace: [0, 1, 3] } } });
    const compiled = compileScanSpec(await loadScanSpec(file), singlequdit);
    expect(compiled.points.map((p) => p.values.theta)).toEqual([0, 0.5, 1]);
    expect(compiled.payload.experiment_1).toEqual({
      instructions: [
        ['load', [0], [10]],
        ['rlx', [0], [0.5]],
        ['measure', [0], []],
      ],
      shots: 5,
      num_wires: 1,
      wire_order: 'interleaved',
      seed: 3,
    });
  });

  it('reads a .qasm file relative to the spec', async () => {
    const file = await specFile(
      { backend: 'local:singlequdit', shots: 5, circuit: { qasmFile: 'rabi.qasm' }, sweep: { theta: { values: [0, 1] } } },
      { 'rabi.qasm': RABI_QASM },
    );
    expect(compileScanSpec(await loadScanSpec(file), singlequdit).payload.experiment_1!.instructions[1]).toEqual(['rlx', [0], [1]]);
  });

  it('imports a module exporting a cold-atom circuit as `circuit`', async () => {
    const file = await specFile({
      backend: 'local:singlequdit',
      shots: 5,
      circuit: { module: path.join(FIXTURES, 'twisting.ts') },
      sweep: { chi: { linspace: [0, 0.2, 3] } },
    });
    const compiled = compileScanSpec(await loadScanSpec(file), singlequdit);
    expect(compiled.points.map((p) => p.values.chi)).toEqual([0, 0.1, 0.2]);
    expect(compiled.payload.experiment_2!.instructions[2]).toEqual(['rlz2', [0], [0.2]]);
  });

  it('imports a module exporting a plain QuantumCircuit as default', async () => {
    const file = await specFile({
      backend: 'local:singlequdit',
      shots: 5,
      circuit: { module: path.join(FIXTURES, 'hand-built.ts') },
      sweep: { theta: { values: [0.3] } },
    });
    expect(compileScanSpec(await loadScanSpec(file), singlequdit).payload.experiment_0!.instructions).toEqual([
      ['load', [0], [10]],
      ['rlx', [0], [0.3]],
      ['measure', [0], []],
    ]);
  });

  it('compiles zipped sweeps', async () => {
    const qasm = RABI_QASM.replace('load(10)', 'load(n)');
    const file = await specFile({
      backend: 'local:singlequdit',
      shots: 1,
      circuit: { qasm },
      sweep: { theta: { values: [0, 1] }, n: { values: [5, 6] } },
      zip: true,
    });
    expect(compileScanSpec(await loadScanSpec(file), singlequdit).points.map((p) => p.values)).toEqual([
      { theta: 0, n: 5 },
      { theta: 1, n: 6 },
    ]);
  });

  it("applies the spec's wireOrder to its circuit", async () => {
    const qasm = 'OPENQASM 2.0;\nqreg q[8];\ncreg c[8];\nload q[4];\nfhop(j) q[0], q[4], q[1], q[5];\nmeasure q[1] -> c[1];\n';
    const file = await specFile({ backend: 'local:fermions', shots: 1, wireOrder: 'sequential', circuit: { qasm }, sweep: { j: { values: [0.5] } } });
    expect(compileScanSpec(await loadScanSpec(file), referenceBackends.fermions.config).payload.experiment_0!.instructions).toEqual([
      ['load', [1], []],
      ['fhop', [0, 1, 2, 3], [0.5]],
      ['measure', [2], []],
    ]);
  });

  it('names every invalid field', async () => {
    const file = await specFile({ backend: '', shots: 0, circuit: {}, sweep: { theta: { linspace: [0, 1] } } });
    await expect(loadScanSpec(file)).rejects.toThrow(/is not a valid scan spec:\n {2}- backend: .*\n {2}- shots: .*\n {2}- circuit: .*\n {2}- sweep\.theta: /);
  });

  it('says which file is missing or not JSON', async () => {
    const missing = await specFile({ backend: 'local:singlequdit', shots: 1, circuit: { qasmFile: 'nope.qasm' }, sweep: {} });
    await expect(loadScanSpec(missing)).rejects.toThrow(/Cannot read OpenQASM file .*nope\.qasm/);
    const dir = path.dirname(missing);
    await writeFile(path.join(dir, 'broken.json'), '{"backend": ');
    await expect(loadScanSpec(path.join(dir, 'broken.json'))).rejects.toThrow(/broken\.json is not JSON/);
  });
});

describe('loadScanSpec on specs the old loader refused or choked on', () => {
  it('runs a spec without sweep once, and takes bare lists as axes', async () => {
    const once = compileScanSpec(
      await loadScanSpec(await specFile({ backend: 'local:singlequdit', shots: 5, circuit: { qasm: RABI_QASM.replace('rlx(theta)', 'rlx(0.5)') } })),
      singlequdit,
    );
    expect(Object.keys(once.payload)).toEqual(['experiment_0']);
    const bare = compileScanSpec(
      await loadScanSpec(await specFile({ backend: 'local:singlequdit', shots: 5, circuit: { qasm: RABI_QASM }, sweep: { theta: [0, 0.5] } })),
      singlequdit,
    );
    expect(bare.points.map((p) => p.values.theta)).toEqual([0, 0.5]);
  });

  it('refuses a spec nested 10⁵ levels deep, naming where', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coldatom-spec-'));
    const file = path.join(dir, 'spec.json');
    // JSON.stringify overflows the stack on such a value: the text is written directly.
    await writeFile(file, `{"backend":"local:singlequdit","shots":1,"circuit":{"qasm":"x"},"sweep":{"theta":${'['.repeat(100_000)}1${']'.repeat(100_000)}}}`);
    await expect(loadScanSpec(file)).rejects.toThrow(/nests more than 32 levels deep at sweep\.theta\.0\.0; a scan spec needs a handful/);
  });
});
