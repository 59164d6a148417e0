import QuantumCircuit from 'quantum-circuit';
import { describe, expect, it, vi } from 'vitest';
import { BackendConfiguration, referenceBackends } from '@coldatom/backend-config';
import { coldAtomCircuit, compileExperiment, fromQuantumCircuit, installColdAtomGates, installConfigGates } from '@coldatom/circuit-plugin';

const CATALOG_GATES: Record<string, string[]> = {
  load: ['N'],
  rlx: ['omega'],
  rlz: ['delta'],
  rlz2: ['chi'],
  sq_full: ['omega', 'delta', 'chi'],
  rlxly: ['J'],
  rlzlz: ['J'],
  multiqudit_full: ['omega', 'delta', 'chi', 'Jxy', 'Jzz'],
  fhop: ['j_i'],
  fint: ['u'],
  fphase: ['mu_i'],
  rydberg_block: ['phi'],
  rydberg_full: ['omega', 'delta', 'phi'],
};

describe('installColdAtomGates', () => {
  it('makes every instruction of the reference backends a gate of every new QuantumCircuit, without a matrix', () => {
    installColdAtomGates();
    const qc = new QuantumCircuit(1);
    for (const [name, params] of Object.entries(CATALOG_GATES)) {
      expect(qc.getGateDef(name), name).toMatchObject({ params, matrix: [], drawingInfo: { label: name } });
    }
  });

  it('leaves the gates quantum-circuit defines itself alone', () => {
    installColdAtomGates();
    const qc = new QuantumCircuit(1);
    expect(qc.getGateDef('measure')?.description).not.toMatch(/cold-atom/);
    expect(qc.getGateDef('barrier')?.description).not.toMatch(/cold-atom/);
    expect(qc.getGateDef('rx')?.matrix.length).toBe(2);
  });

  it('is idempotent, even across two copies of the plugin sharing one quantum-circuit', async () => {
    installColdAtomGates();
    const { init, run } = QuantumCircuit.prototype;
    installColdAtomGates();
    installConfigGates(referenceBackends.fermions.config);
    vi.resetModules();
    const copy = (await import('@coldatom/circuit-plugin')) as typeof import('@coldatom/circuit-plugin');
    copy.installColdAtomGates();
    expect(QuantumCircuit.prototype.init).toBe(init);
    expect(QuantumCircuit.prototype.run).toBe(run);
    expect(new QuantumCircuit(1).getGateDef('fhop')?.params).toEqual(['j_i']);
  });

  it('guards the framework simulator: run() on cold-atom gates throws instead of resetting the state', () => {
    installColdAtomGates();
    const qc = new QuantumCircuit(1);
    qc.addGate('rlz2', 0, 0, { params: { chi: 0.3 } });
    expect(() => qc.run()).toThrow(/run\(\) cannot simulate the cold-atom gate "rlz2"; use @coldatom\/simulator/);
    const plain = new QuantumCircuit(1);
    plain.addGate('x', 0, 0);
    expect(() => plain.run()).not.toThrow();
  });
});

describe('installConfigGates', () => {
  const config = BackendConfiguration.parse({
    ...referenceBackends.singlequdit.config,
    display_name: 'newlab',
    gates: [{ name: 'rlx_detuned', parameters: ['omega, detuning'], coupling_map: [[0]] }],
    supported_instructions: ['rlx_detuned', 'load', 'measure'],
  });

  it('installs a gate a served config names but the catalog does not know, with its parameter names', () => {
    installConfigGates(config);
    expect(new QuantumCircuit(1).getGateDef('rlx_detuned')?.params).toEqual(['omega', 'detuning']);
  });

  it('happens on demand when a circuit is written for that config', () => {
    const circuit = coldAtomCircuit(config).load(0, 3).gate('rlx_detuned', 0, 0.5, 'd').measure(0);
    expect(compileExperiment(circuit, { shots: 1, bindings: { d: 0.1 } }).instructions[1]).toEqual(['rlx_detuned', [0], [0.5, 0.1]]);
    expect(circuit.toQasm()).toContain('rlx_detuned (0.5, d) q[0];');
  });
});

describe('circuits built by hand', () => {
  it('are wrapped as they are, their gates walked in grid order with parameters in definition order', () => {
    installColdAtomGates();
    const qc = new QuantumCircuit(1);
    qc.addGate('load', 0, 0, { params: { N: 7 } });
    qc.addGate('sq_full', 1, 0, { params: { chi: 3, omega: 1, delta: 2 } });
    qc.addGate('measure', 2, 0, { creg: { name: 'c', bit: 0 } });
    const experiment = compileExperiment(fromQuantumCircuit(qc, { backend: 'singlequdit' }), { shots: 1 });
    expect(experiment.instructions).toEqual([
      ['load', [0], [7]],
      ['sq_full', [0], [1, 2, 3]],
      ['measure', [0], []],
    ]);
  });

  it('are refused when a gate runs under a classical condition', () => {
    installColdAtomGates();
    const qc = new QuantumCircuit(1);
    qc.addGate('rlx', 0, 0, { params: { omega: 1 }, condition: { creg: 'c', value: 1 } });
    expect(() => compileExperiment(fromQuantumCircuit(qc, { backend: 'singlequdit' }), { shots: 1 })).toThrow(
      /instruction 0 \(rlx on wires \[0\]\): a classically conditioned gate cannot be sent/,
    );
  });

  it('are refused when they hold a gate name nobody defines', () => {
    installColdAtomGates();
    const qc = new QuantumCircuit(1);
    qc.addGate('teleport', 0, 0);
    expect(() => compileExperiment(fromQuantumCircuit(qc, { backend: 'singlequdit' }), { shots: 1 })).toThrow(
      /instruction 0 \(teleport on wires \[0\]\): teleport is neither/,
    );
  });

  it('are refused from a lightweight save, whose multi-wire gates cannot be told apart', () => {
    const circuit = coldAtomCircuit('multiqudit', { wires: 2 }).rlxly([0, 1], 1).measure(0);
    const qc = new QuantumCircuit();
    qc.load(circuit.toJSON());
    expect(() => fromQuantumCircuit(qc.save(false, true)).gates()).toThrow(/lightweight save/);
  });
});
