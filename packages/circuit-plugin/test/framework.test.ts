import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import QuantumCircuit from 'quantum-circuit';
import { describe, expect, it } from 'vitest';
import { BackendConfiguration, referenceBackends } from '@coldatom/backend-config';
import { ColdAtomCircuit, circuitFromQuantumCircuit, coldAtomCircuit, compileExperiment, compileScanSpec, installConfigGates, loadScanSpec } from '@coldatom/circuit-plugin';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('cold-atom gates inside quantum-circuit', () => {
  it('survive save() and load() with their parameters', () => {
    const circuit = coldAtomCircuit('multiqudit', { wires: 2 }).load(0, 5).rlxly([0, 1], 'J').measure(0);
    const restored = new QuantumCircuit();
    restored.load(circuit.toJSON());
    const again = circuitFromQuantumCircuit(restored);
    const config = referenceBackends.multiqudit.config;
    expect(compileExperiment(again, { shots: 1, config, bindings: { J: 0.4 } })).toEqual(compileExperiment(circuit, { shots: 1, config, bindings: { J: 0.4 } }));
  });

  it('are known to circuits built by hand, and guarded against the framework\'s own simulator', () => {
    const qc = new QuantumCircuit(1);
    qc.addGate('rlz2', 0, 0, { params: { chi: 0.3 } });
    expect(qc.getGateDef('rlz2')?.params).toEqual(['chi']);
    expect(() => qc.run()).toThrow(/run\(\) cannot simulate the cold-atom gate "rlz2"; use @coldatom\/simulator/);
    const plain = new QuantumCircuit(1);
    plain.addGate('h', 0, 0);
    expect(() => plain.run()).not.toThrow();
  });

  it('install gates a served config names but the catalog does not know', () => {
    const config = BackendConfiguration.parse({
      ...referenceBackends.singlequdit.config,
      display_name: 'newlab',
      gates: [{ name: 'rlx_detuned', parameters: ['omega, detuning'], coupling_map: [[0]] }],
      supported_instructions: ['rlx_detuned', 'load', 'measure'],
    });
    installConfigGates(config);
    const circuit = coldAtomCircuit('newlab', { wires: 1 }).load(0, 3).gate('rlx_detuned', 0, 0.5, 0.1).measure(0);
    expect(compileExperiment(circuit, { shots: 1, config }).instructions[1]).toEqual(['rlx_detuned', [0], [0.5, 0.1]]);
  });
});

describe('scan specs', () => {
  it('load a circuit from a module and from a .qasm file beside the spec', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coldatom-spec-'));
    await writeFile(path.join(dir, 'rabi.qasm'), 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg c[1];\nload(10) q[0];\nrlx(theta) q[0];\nmeasure q[0] -> c[0];\n');
    await writeFile(path.join(dir, 'file.json'), JSON.stringify({ backend: 'local:singlequdit', shots: 5, circuit: { qasmFile: 'rabi.qasm' }, sweep: { theta: { values: [0, 1] } } }));
    await writeFile(path.join(dir, 'module.json'), JSON.stringify({ backend: 'local:singlequdit', shots: 5, circuit: { module: path.join(FIXTURES, 'twisting.ts') }, sweep: { chi: { linspace: [0, 0.2, 3] } } }));
    const config = referenceBackends.singlequdit.config;
    const fromFile = compileScanSpec(await loadScanSpec(path.join(dir, 'file.json')), config);
    expect(fromFile.payload.experiment_1!.instructions).toEqual([['load', [0], [10]], ['rlx', [0], [1]], ['measure', [0], []]]);
    const loaded = await loadScanSpec(path.join(dir, 'module.json'));
    expect(loaded.circuit).toBeInstanceOf(ColdAtomCircuit);
    const fromModule = compileScanSpec(loaded, config);
    expect(fromModule.points.map((p) => p.values.chi)).toEqual([0, 0.1, 0.2]);
    expect(fromModule.payload.experiment_2!.instructions[2]).toEqual(['rlz2', [0], [0.2]]);
  });

  it('name every invalid field of a spec', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coldatom-spec-'));
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify({ backend: '', shots: 0, circuit: {}, sweep: { theta: { linspace: [0, 1] } } }));
    await expect(loadScanSpec(path.join(dir, 'bad.json'))).rejects.toThrow(/backend: .*\n[\s\S]*shots: /);
  });
});
