import QuantumCircuit from 'quantum-circuit';
import { describe, expect, it } from 'vitest';
import { CircuitError, compileCircuits, compileExperiment, fromQasm, fromQuantumCircuit, installColdAtomGates } from '@coldatom/circuit-plugin';

const header = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n';
const instructions = (qasm: string, backend: 'multiqudit' | 'singlequdit' = 'multiqudit') =>
  compileExperiment(fromQasm(header + qasm, { backend }), { shots: 1 }).instructions;

describe('fromQasm keeps the written order', () => {
  it('across wires and registers (the library reader packs gates left)', () => {
    expect(instructions('qreg a[2];\nqreg b[1];\ncreg c[3];\nload(3) b[0];\nrlx(0.7) a[1];\nrlz(0.1) a[0];\nmeasure b[0] -> c[2];\n')).toEqual([
      ['load', [2], [3]],
      ['rlx', [1], [0.7]],
      ['rlz', [0], [0.1]],
      ['measure', [2], []],
    ]);
  });

  it('writes `barrier q;` as one barrier over the wires of the register, not one per wire', () => {
    expect(instructions('qreg q[3];\ncreg c[3];\nrlx(1) q[2];\nbarrier q;\nbarrier q[0], q[2];\nmeasure q -> c;\n')).toEqual([
      ['rlx', [2], [1]],
      ['barrier', [0, 1, 2], []],
      ['barrier', [0, 2], []],
      ['measure', [0], []],
      ['measure', [1], []],
      ['measure', [2], []],
    ]);
  });

  it('keeps two register barriers that land in the same column apart', () => {
    expect(instructions('qreg a[1];\nqreg b[1];\nbarrier a;\nbarrier b;\nmeasure a[0] -> c[0];\n').slice(0, 2)).toEqual([
      ['barrier', [0], []],
      ['barrier', [1], []],
    ]);
  });
});

describe('a circuit the backend cannot take is refused at once, in one message', () => {
  const qft = (n: number) => {
    let body = `qreg q[${n}];\ncreg c[${n}];\n`;
    for (let i = 0; i < n; i++) {
      body += `h q[${i}];\n`;
      for (let j = i + 1; j < n; j++) body += `cu1(pi/${2 ** (j - i)}) q[${j}], q[${i}];\n`;
    }
    return `${header}${body}measure q -> c;\n`;
  };

  it('by fromQasm with a backend: qubit gates and too many wires, saying what cold-atom backends take', () => {
    const error = (() => {
      try {
        fromQasm(qft(20), { backend: 'multiqudit' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(CircuitError);
    expect(error.message.split('\n')).toEqual([
      'This circuit cannot run on multiqudit:',
      '  - it has 20 wires; multiqudit takes at most 5',
      '  - multiqudit has no instruction h (instructions 0, 20, 39, 57, 74, …), cu1 (instructions 1, 2, 3, 4, 5, …)',
      'Cold-atom backends take their own instructions on at most 5 wires, not qubit gates: multiqudit takes rlx, rlz, rlz2, rlxly, rlzlz, barrier, measure, load, multiqudit_full.',
    ]);
  });

  it('by compileCircuits when the circuit was read without a backend', () => {
    const circuit = fromQasm(`${header}qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q[0] -> c[0];\n`);
    expect(() => compileCircuits([circuit], { shots: 1, config: fromQasm(`${header}qreg q[1];\n`, { backend: 'singlequdit' }).config! })).toThrow(
      /^This circuit cannot run on singlequdit:\n {2}- it has 2 wires; singlequdit takes at most 1\n {2}- singlequdit has no instruction h \(instruction 0\), cx \(instruction 1\)\n/,
    );
  });
});

describe('a hand-built circuit with a wrong parameter key', () => {
  it('is refused naming the key and the gate parameters, never compiled with a default', () => {
    installColdAtomGates();
    const qc = new QuantumCircuit(1);
    qc.addGate('load', -1, 0, { params: { n: 50 } });
    qc.addGate('measure', -1, 0, { creg: { name: 'c', bit: 0 } });
    expect(() => compileExperiment(fromQuantumCircuit(qc, { backend: 'singlequdit' }), { shots: 1 })).toThrow(
      'instruction 0 (load on wires [0]): load has no parameter "n" (its parameters: N; names are case-sensitive)',
    );
  });

  it('is refused naming the missing parameter', () => {
    installColdAtomGates();
    const qc = new QuantumCircuit(1);
    qc.addGate('rlx', -1, 0, { params: {} });
    qc.addGate('measure', -1, 0, { creg: { name: 'c', bit: 0 } });
    expect(() => compileExperiment(fromQuantumCircuit(qc, { backend: 'singlequdit' }), { shots: 1 })).toThrow(
      'instruction 0 (rlx on wires [0]), parameter omega has no value',
    );
  });
});
