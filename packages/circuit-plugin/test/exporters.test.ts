import QuantumCircuit from 'quantum-circuit';
import { describe, expect, it } from 'vitest';
import { CircuitError, coldAtomCircuit } from '@coldatom/circuit-plugin';

/** A plain QuantumCircuit holding a cold-atom circuit, as a user who exports it would have. */
function plain(circuit: { toJSON(): unknown }): QuantumCircuit {
  const qc = new QuantumCircuit();
  qc.load(JSON.parse(JSON.stringify(circuit)));
  return qc;
}

const spins = () => coldAtomCircuit('multiqudit', { wires: 3 }).load(0, 5).rlx(1, 0.5).rlxly([0, 1], 'j').rlzlz([1, 2], 0.2).barrier().measure(0);

describe('exporters to ecosystems without cold-atom gates refuse, naming gate and exporter', () => {
  const refused: [string, string][] = [
    ['exportCirq', 'Cirq'],
    ['exportToCirq', 'Cirq'],
    ['exportQuEST', 'QuEST'],
    ['exportToQuEST', 'QuEST'],
    ['exportPyquil', 'pyQuil'],
    ['exportQuil', 'Quil'],
    ['exportQSharp', 'Q#'],
    ['exportCudaQ', 'CUDA-Q'],
    ['exportAQASM', 'AQASM'],
    ['exportPyAQASM', 'pyAQASM'],
    ['exportBraket', 'Braket'],
    ['exportTFQ', 'TensorFlow Quantum'],
    ['exportQuirk', 'Quirk'],
    ['exportToIonq', 'IonQ'],
    ['exportJavaScript', 'JavaScript'],
    ['circuitMatrix', 'a qubit unitary'],
    ['exportToGenerator', 'Quantum Generator'],
  ];
  for (const [method, target] of refused) {
    it(`${method} → one CircuitError (never nonsense code, a TypeError or [])`, () => {
      const qc = plain(spins()) as unknown as Record<string, () => unknown>;
      let error: unknown;
      try {
        qc[method]!();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CircuitError);
      expect((error as Error).message).toContain(`${method} cannot write the cold-atom gate "load" (gate 0, on wires [0]): ${target}`);
    });
  }
});

describe('exportQiskit writes qiskit-cold-atom code', () => {
  it('for spins: load_spins and the spin gate methods, symbols as Parameters', () => {
    expect(plain(spins()).exportQiskit()).toBe(
      [
        '# A cold-atom circuit for qiskit-cold-atom, written by @coldatom/circuit-plugin.',
        'from numpy import pi',
        'from qiskit import QuantumCircuit',
        'from qiskit.circuit import Parameter',
        'import qiskit_cold_atom.spins  # load_spins, rlx, rlz, rlz2, rlxly, rlzlz',
        '',
        "j = Parameter('j')",
        'qc = QuantumCircuit(3, 1)',
        'qc.load_spins(5, 0)',
        'qc.rlx(0.5, 1)',
        'qc.rlxly(j, [0, 1])',
        'qc.rlzlz(0.2, [1, 2])',
        'qc.barrier(0, 1, 2)',
        'qc.measure(0, 0)',
        '',
      ].join('\n'),
    );
  });

  it('for fermions: fload and the fermion gate methods with their list parameters', () => {
    const fermions = coldAtomCircuit('fermions').load(0).load(1).fhop([0, 1, 2, 3], 0.3).fint('all', 'u').fphase([2, 3], 0.1).measure(2);
    expect(plain(fermions).exportToQiskit({}).split('\n').slice(4)).toEqual([
      'import qiskit_cold_atom.fermions  # fload, fhop, fint, fphase',
      '',
      "u = Parameter('u')",
      'qc = QuantumCircuit(8, 3)',
      'qc.fload(0)',
      'qc.fload(1)',
      'qc.fhop([0.3], [0, 1, 2, 3])',
      'qc.fint(u, [0, 1, 2, 3, 4, 5, 6, 7])',
      'qc.fphase([0.1], [2, 3])',
      'qc.measure(2, 2)',
      '',
    ]);
  });

  it('for Rydberg atoms: the gate methods of the spin library', () => {
    expect(
      plain(coldAtomCircuit('rydberg', { wires: 2 }).rlx(0, 0.5).rydbergFull('all', 1, 0, 'phi_').measure(1))
        .exportQiskit()
        .split('\n')
        .slice(6, 11),
    ).toEqual(["phi_ = Parameter('phi_')", 'qc = QuantumCircuit(2, 2)', 'qc.rlx(0.5, 0)', 'qc.rydberg_full(1, 0, phi_, [0, 1])', 'qc.measure(1, 1)']);
  });

  it('refuses a gate qiskit-cold-atom does not have, or names differently', () => {
    expect(() => plain(coldAtomCircuit('singlequdit').sqFull(0, 1, 2, 3)).exportQiskit()).toThrow(
      /exportQiskit cannot write gate 0 \(sq_full on wires \[0\]\): qiskit-cold-atom has no gate sq_full/,
    );
    expect(() => plain(coldAtomCircuit('rydberg').rydbergBlock('all', 0.3)).exportQiskit()).toThrow(
      /exportQiskit cannot write gate 0 \(rydberg_block on wires \[0,1,2,3,4\]\): qiskit-cold-atom's rydberg_block method sends an instruction named rydberg_blockade/,
    );
  });
});

describe('exporters that write values refuse an unbound cold-atom parameter instead of writing 0', () => {
  it('default-mode QASM, raw and Qobj; compatibility-mode QASM keeps the symbol', () => {
    const qc = plain(spins());
    for (const run of [
      () => qc.exportQASM(),
      () => qc.exportToQASM({}),
      () => (qc as unknown as { exportRaw(): unknown }).exportRaw(),
      () => (qc as unknown as { exportQobj(): unknown }).exportQobj(),
    ]) {
      expect(run).toThrow(/would write the unbound parameter j of the cold-atom gate "rlxly" \(gate 2, on wires \[0,1\]\) as 0/);
    }
    expect(qc.exportToQASM({ compatibilityMode: true })).toContain('rlxly (j) q[0], q[1];');
  });

  it('writes a value the user gave', () => {
    const qc = plain(spins()) as QuantumCircuit & { options: { params: Record<string, number> } };
    qc.options.params.j = 0.25;
    expect(qc.exportQASM()).toContain('rlxly (0.25) q[0], q[1];');
  });
});
