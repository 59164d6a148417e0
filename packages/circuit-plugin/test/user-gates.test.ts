import QuantumCircuit from 'quantum-circuit';
import { describe, expect, it } from 'vitest';
import { CircuitError, compileExperiment, fromQasm, fromQuantumCircuit, installColdAtomGates } from '@coldatom/circuit-plugin';

/** A one-wire sub-circuit applying x: the user's own gate, whatever its name. */
function xGate(): QuantumCircuit {
  const body = new QuantumCircuit(1);
  body.addGate('x', 0, 0);
  return body;
}

describe("a user's gate with the name of a cold-atom gate stays the user's", () => {
  for (const name of [
    'load',
    'rlx',
    'rlz',
    'rlz2',
    'sq_full',
    'rlxly',
    'rlzlz',
    'multiqudit_full',
    'fhop',
    'fint',
    'fphase',
    'rydberg_block',
    'rydberg_full',
  ]) {
    it(`${name}, registered with registerGate: run, QASM, Qiskit and save/load use the user's definition`, () => {
      installColdAtomGates();
      const qc = new QuantumCircuit(1);
      qc.registerGate(name, xGate());
      qc.addGate(name, 0, 0);
      qc.run();
      expect(qc.probabilities()[0]).toBeCloseTo(1);
      const qasm = qc.exportToQASM({ compatibilityMode: true });
      expect(qasm).toContain(`gate ${name} a\n{\n  x a;\n}`);
      expect(qasm).toContain(`${name} q[0];`);
      expect(qc.exportQiskit()).toContain(`def ${name}`);
      const restored = new QuantumCircuit();
      restored.load(qc.save());
      expect(restored.getGateDef(name)?.description ?? '').not.toMatch(/cold-atom/);
      restored.run();
      expect(restored.probabilities()[0]).toBeCloseTo(1);
    });
  }

  it('defined in OpenQASM (gate load b { x b; }): read, run and written back as the user wrote it', () => {
    installColdAtomGates();
    const qc = new QuantumCircuit();
    qc.importQASM('OPENQASM 2.0;\ninclude "qelib1.inc";\ngate load b\n{\n  x b;\n}\nqreg q[1];\nload q[0];\n');
    qc.run();
    expect(qc.probabilities()[0]).toBeCloseTo(1);
    expect(qc.exportToQASM({ compatibilityMode: true })).not.toContain('(undefined)');
  });

  it('is named when compiling for a backend whose instruction it shadows', () => {
    const qasm = 'OPENQASM 2.0;\ninclude "qelib1.inc";\ngate load b\n{\n  x b;\n}\nqreg q[1];\ncreg c[1];\nload q[0];\nmeasure q[0] -> c[0];\n';
    expect(() => fromQasm(qasm, { backend: 'singlequdit' })).toThrow(
      /load \(instruction 0\) is the circuit's own gate definition, which shadows singlequdit's instruction load; rename the circuit's gate/,
    );
    installColdAtomGates();
    const qc = new QuantumCircuit(1);
    qc.registerGate('rlx', xGate());
    qc.addGate('rlx', 0, 0);
    expect(() => compileExperiment(fromQuantumCircuit(qc, { backend: 'singlequdit' }), { shots: 1 })).toThrow(CircuitError);
  });

  it('leaves the cold-atom gate in force on circuits that do not define the name', () => {
    installColdAtomGates();
    const mine = new QuantumCircuit(1);
    mine.registerGate('load', xGate());
    const other = new QuantumCircuit(1);
    other.addGate('load', 0, 0, { params: { N: 3 } });
    expect(other.getGateDef('load')?.description).toMatch(/cold-atom/);
    expect(() => other.run()).toThrow(/cannot simulate the cold-atom gate "load"/);
  });
});
