import { describe, expect, it } from 'vitest';
import { referenceBackends } from '@coldatom/backend-config';
import {
  CircuitError,
  CircuitValidationError,
  DEFAULT_MAX_SCAN_POINTS,
  MAX_QASM_WIRES,
  checkPayload,
  coldAtomCircuit,
  fromQasm,
  fromQuantumCircuit,
  linspace,
  scan,
  sweepPoints,
} from '@coldatom/circuit-plugin';

function thrown(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);

describe('validation of big scans (every experiment, whatever its index)', () => {
  it('reports the angles above 2π of a 1100-point rlx scan over 0…6.4, experiments 1000+ included', () => {
    const error = thrown(() => scan(rabi, { axes: { theta: { linspace: [0, 6.4, 1100] } } }, { shots: 10 }));
    expect(error).toBeInstanceOf(CircuitValidationError);
    const { problems } = error as CircuitValidationError;
    const tooLarge = linspace(0, 6.4, 1100).flatMap((theta, i) => (theta > 2 * Math.PI ? [`experiment_${i}`] : []));
    expect(tooLarge.length).toBeGreaterThan(10);
    expect(problems.map((p) => p.experiment)).toEqual(tooLarge);
    expect(problems.every((p) => p.rule === 'param-range' && p.instructionIndex === 1 && p.gate === 'rlx')).toBe(true);
    expect(problems.at(-1)!.message).toBe('experiment_1099, instruction 1 (rlx on wires [0]): parameter omega = 6.4 is invalid; allowed: 0 ≤ omega ≤ 2π.');
  });

  it('lists the first 20 problems in the message and counts the rest (all are in `problems`)', () => {
    const error = thrown(() => scan(rabi, { axes: { theta: { linspace: [0, 6.4, 1100] } } }, { shots: 10 })) as CircuitValidationError;
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines.at(-1)).toBe(`  … and ${error.problems.length - 20} more (the error's \`problems\` lists every one)`);
  });

  it('checks all 10,000 experiments of a scan at the default cap', () => {
    const omega = Array.from({ length: DEFAULT_MAX_SCAN_POINTS }, (_, i) => (i === 9_999 ? 7 : 1));
    const error = thrown(() => scan(rabi, { axes: { theta: omega } }, { shots: 10 })) as CircuitValidationError;
    expect(error.problems.map((p) => [p.experiment, p.rule])).toEqual([['experiment_9999', 'param-range']]);
  });

  it('refuses an impossible multiqudit size on an experiment above max_experiments', () => {
    const payload = {
      experiment_1001: {
        instructions: [
          ['load', [0], [10]],
          ['measure', [0], []],
        ] as [string, number[], number[]][],
        shots: 10,
        num_wires: 1e9,
        wire_order: 'interleaved' as const,
      },
    };
    const error = thrown(() => checkPayload(payload, referenceBackends.multiqudit.config)) as CircuitValidationError;
    expect(error.problems.map((p) => [p.experiment, p.rule])).toEqual([['experiment_1001', 'num-wires']]);
  });
});

describe('scan-point cap', () => {
  it(`refuses more than ${DEFAULT_MAX_SCAN_POINTS} points before making any, naming the axes`, () => {
    const error = thrown(() => scan(rabi, { axes: { theta: { linspace: [0, 1, 1e6] } } }, { shots: 1 }));
    expect(error).toBeInstanceOf(CircuitError);
    expect(error.message).toMatch(
      /^The scan has 1000000 points \(theta: 1000000\), more than the cap of 10000; use fewer points, or raise the cap \(maxPoints/,
    );
    // A product is counted, not made: 10⁷ × 10⁷ points would not fit in memory.
    expect(() => sweepPoints({ axes: { a: { linspace: [0, 1, 1e7] }, b: { linspace: [0, 1, 1e7] } } })).toThrow(
      /The scan has 100000000000000 points \(a: 10000000 × b: 10000000\)/,
    );
  });

  it('takes a larger scan when the cap is lifted', () => {
    const points = sweepPoints({ axes: { a: { linspace: [0, 1, 20_001] } } }, { maxPoints: 20_001 });
    expect(points).toHaveLength(20_001);
    expect(() => sweepPoints({ axes: { a: [1, 2, 3] } }, { maxPoints: 2 })).toThrow(/The scan has 3 points \(a: 3\), more than the cap of 2/);
  });
});

describe('OpenQASM width bound', () => {
  const program = (width: number, body = 'h q[0];') => `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${width}];\n${body}\n`;

  it('refuses a wide register before the reader runs (a syntax error with qreg q[10000] took 20 s)', () => {
    expect(() => fromQasm(program(10_000, 'h q;\nthis is not qasm;'))).toThrow(
      new RegExp(`^OpenQASM declares 10000 qubits \\(qreg\\), more than the ${MAX_QASM_WIRES} this reader takes`),
    );
    expect(() => fromQasm('OPENQASM 2.0;\nqreg q[2];\nmeasure q[5000] -> c[0];\n')).toThrow(/OpenQASM uses index 5000, beyond the 64 wires/);
  });

  it('takes a wider circuit when asked to', () => {
    expect(fromQasm(program(70), { maxWires: 70 }).width).toBe(70);
  });
});

describe('nesting depth of accepted JSON', () => {
  it('reports params nested 10⁵ deep in a payload as a validation problem', () => {
    let params: unknown = 1;
    for (let k = 0; k < 100_000; k++) params = [params];
    const payload = { experiment_0: { instructions: [['rlx', [0], params]], shots: 1, num_wires: 1, wire_order: 'interleaved' } };
    const error = thrown(() => checkPayload(payload as never, referenceBackends.singlequdit.config)) as CircuitValidationError;
    expect(error.problems.map((p) => [p.experiment, p.instructionIndex, p.rule])).toContainEqual(['experiment_0', 0, 'nesting-depth']);
  });

  it('refuses a saved circuit nested 10⁵ deep with a CircuitError, not a RangeError', () => {
    let value: unknown = 1;
    for (let k = 0; k < 100_000; k++) value = { v: value };
    const saved = { numQubits: 1, gates: [[{ id: 'a', name: 'rlx', connector: 0, options: { params: { omega: value } } }]] };
    expect(() => fromQuantumCircuit(saved)).toThrow(/nests more than 32 levels deep at gates\.0\.0\.options/);
  });
});
