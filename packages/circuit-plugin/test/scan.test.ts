import { describe, expect, it } from 'vitest';
import { referenceBackends, type ValidationProblem } from '@coldatom/backend-config';
import { JobPayload } from '@coldatom/core';
import { CircuitError, CircuitValidationError, coldAtomCircuit, fromQasm, linspace, scan, sweepPoints, validateExperiments } from '@coldatom/circuit-plugin';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('sweepPoints', () => {
  it('takes explicit values, as a list or as { values }', () => {
    expect(sweepPoints({ axes: { a: [3, 1] } })).toEqual([{ a: 3 }, { a: 1 }]);
    expect(sweepPoints({ axes: { a: { values: [3, 1] } } })).toEqual([{ a: 3 }, { a: 1 }]);
  });

  it('spaces linspace values evenly, both ends included', () => {
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, 2, 1)).toEqual([2]);
    expect(sweepPoints({ axes: { a: { linspace: [0, Math.PI, 3] } } })).toEqual([{ a: 0 }, { a: Math.PI / 2 }, { a: Math.PI }]);
    expect(() => linspace(0, 1, 0)).toThrow(/linspace needs a whole number of points ≥ 1, got 0/);
  });

  it('combines several variables as a product, the first declared varying slowest', () => {
    expect(sweepPoints({ axes: { a: [1, 2], b: [10, 20, 30] } })).toEqual([
      { a: 1, b: 10 },
      { a: 1, b: 20 },
      { a: 1, b: 30 },
      { a: 2, b: 10 },
      { a: 2, b: 20 },
      { a: 2, b: 30 },
    ]);
  });

  it('zips variables index by index on request, refusing unequal lengths', () => {
    expect(sweepPoints({ axes: { a: [1, 2], b: { linspace: [10, 20, 2] } }, zip: true })).toEqual([
      { a: 1, b: 10 },
      { a: 2, b: 20 },
    ]);
    expect(() => sweepPoints({ axes: { a: [1, 2], b: [1] }, zip: true })).toThrow(/Zipped scan variables need equal lengths: a has 2, b has 1/);
  });

  it('refuses an empty or non-finite axis', () => {
    expect(() => sweepPoints({ axes: { a: [] } })).toThrow(/Scan variable "a" has no values/);
    expect(() => sweepPoints({ axes: { a: [1, Number.NaN] } })).toThrow(/Scan variable "a" has the value NaN/);
  });
});

describe('scan', () => {
  const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);

  it('makes one experiment per scan point, experiment_0… in scan order, each recording its point', () => {
    const compiled = scan(rabi, { axes: { theta: { linspace: [0, Math.PI, 3] } } }, { shots: 100, seed: 7 });
    expect(Object.keys(compiled.payload)).toEqual(['experiment_0', 'experiment_1', 'experiment_2']);
    expect(compiled.parameters).toEqual(['theta']);
    expect(compiled.points).toEqual([
      { experiment: 'experiment_0', values: { theta: 0 } },
      { experiment: 'experiment_1', values: { theta: Math.PI / 2 } },
      { experiment: 'experiment_2', values: { theta: Math.PI } },
    ]);
    for (const point of compiled.points) {
      expect(compiled.payload[point.experiment]).toEqual({
        instructions: [
          ['load', [0], [50]],
          ['rlx', [0], [point.values.theta]],
          ['measure', [0], []],
        ],
        shots: 100,
        num_wires: 1,
        wire_order: 'interleaved',
        seed: 7,
      });
    }
    expect(JobPayload.safeParse(compiled.payload).success).toBe(true);
  });

  it('binds symbols that are not scanned, and refuses one both scanned and bound', () => {
    const circuit = coldAtomCircuit('singlequdit').load(0, 'n').rlz2(0, 'chi').measure(0);
    const { payload } = scan(circuit, { axes: { chi: [0.1, 0.2] } }, { shots: 1, bindings: { n: 20 } });
    expect(payload.experiment_1!.instructions.slice(0, 2)).toEqual([
      ['load', [0], [20]],
      ['rlz2', [0], [0.2]],
    ]);
    expect(() => scan(circuit, { axes: { chi: [0.1] } }, { shots: 1, bindings: { chi: 1, n: 2 } })).toThrow(/chi is both scanned and bound/);
  });

  it('refuses a circuit symbol the sweep does not bind before compiling anything', () => {
    expect(() => scan(rabi, { axes: { thetta: [1] } }, { shots: 1 })).toThrow(
      /Unbound symbol — bind or sweep it:\n {2}- theta, used in instruction 1 \(rlx on wires \[0\]\), parameter omega = "theta"/,
    );
  });

  it('validates by default, collecting every problem with where and why', () => {
    const circuit = coldAtomCircuit('multiqudit', { wires: 3 }).load(0, 2).rlx(0, 'theta').rlxly([0, 2], 1).measure(0);
    const error = thrown(() => scan(circuit, { axes: { theta: [1, 7] } }, { shots: 2_000_000 }));
    expect(error).toBeInstanceOf(CircuitValidationError);
    const { problems, message } = error as CircuitValidationError;
    expect(problems.map((p) => [p.experiment, p.instructionIndex, p.gate, p.wires, p.rule])).toEqual([
      ['experiment_0', undefined, undefined, undefined, 'shots'],
      ['experiment_0', 2, 'rlxly', [0, 2], 'coupling-map'],
      ['experiment_1', undefined, undefined, undefined, 'shots'],
      ['experiment_1', 1, 'rlx', [0], 'param-range'],
      ['experiment_1', 2, 'rlxly', [0, 2], 'coupling-map'],
    ]);
    expect(problems[3]!.allowed).toBe('0 ≤ omega ≤ 2π');
    expect(message.split('\n')).toEqual([
      '5 problems for multiqudit; nothing was sent:',
      '  - experiment_0: shots 2000000 is invalid (Input should be less than or equal to 1000000). [shots]',
      '  - experiment_0, instruction 2 (rlxly on wires [0,2]): wires [0,2] are not an allowed wire list; allowed: [0,1] | [1,2] | [2,3] | [3,4] | [0,1,2,3,4]. [coupling-map]',
      '  - experiment_1: shots 2000000 is invalid (Input should be less than or equal to 1000000). [shots]',
      '  - experiment_1, instruction 1 (rlx on wires [0]): parameter omega = 7 is invalid; allowed: 0 ≤ omega ≤ 2π. [param-range]',
      '  - experiment_1, instruction 2 (rlxly on wires [0,2]): wires [0,2] are not an allowed wire list; allowed: [0,1] | [1,2] | [2,3] | [3,4] | [0,1,2,3,4]. [coupling-map]',
    ]);
  });

  it('refuses gates the backend does not have before compiling any point, naming them once', () => {
    const circuit = fromQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\nh q[0];\n');
    const error = thrown(() => scan(circuit, { axes: { a: [1, 2, 3] } }, { shots: 1, config: referenceBackends.singlequdit.config }));
    expect(error).toBeInstanceOf(CircuitError);
    expect((error as Error).message).toMatch(
      /^This circuit cannot run on singlequdit:\n {2}- singlequdit has no instruction h \(instructions 0, 2\)\nCold-atom backends take/,
    );
  });

  it('returns warnings for instructions the backend silently ignores, and reports each', () => {
    const circuit = coldAtomCircuit('multiqudit').rlzlz([0, 1, 2, 3, 4], 1).measure(0);
    const seen: ValidationProblem[] = [];
    const { warnings } = scan(circuit, { axes: {} }, { shots: 1, onWarning: (w) => seen.push(w) });
    expect(warnings.map((w) => [w.experiment, w.instructionIndex, w.rule])).toEqual([['experiment_0', 0, 'silent-noop']]);
    expect(seen).toEqual(warnings);
  });

  it('gives each experiment lists of its own: editing one experiment changes no other, nor the next scan', () => {
    const first = scan(rabi, { axes: { theta: [1, 2] } }, { shots: 1 }).payload;
    first.experiment_0!.instructions[1]![1].push(3);
    first.experiment_0!.instructions[0]![2][0] = 9;
    expect(first.experiment_1!.instructions.slice(0, 2)).toEqual([
      ['load', [0], [50]],
      ['rlx', [0], [2]],
    ]);
    expect(scan(rabi, { axes: { theta: [1] } }, { shots: 1 }).payload.experiment_0!.instructions.slice(0, 2)).toEqual([
      ['load', [0], [50]],
      ['rlx', [0], [1]],
    ]);
  });

  it('skips validation when told to', () => {
    const { payload, warnings } = scan(rabi, { axes: { theta: [7] } }, { shots: 1, validate: false });
    expect(payload.experiment_0!.instructions[1]).toEqual(['rlx', [0], [7]]);
    expect(warnings).toEqual([]);
  });
});

describe('angle wrapping', () => {
  it('maps out-of-range angles of periodic gates into range before validating', () => {
    const circuit = coldAtomCircuit('multiqudit', { wires: 2 }).rlx(0, 'a').rlz2(1, 'a').rlxly([0, 1], 'a').measure(0);
    const { payload } = scan(circuit, { axes: { a: [7, -1] } }, { shots: 1, angles: 'wrap' });
    const params = Object.values(payload).map((e) => e.instructions.slice(0, 3).map(([, , p]) => p[0]));
    expect(params[0]).toEqual([7 - 2 * Math.PI, 7, 7]);
    expect(params[1]).toEqual([2 * Math.PI - 1, 20 * Math.PI - 1, 20 * Math.PI - 1]);
  });

  it('leaves gates whose physics a wrap would change to validation', () => {
    const circuit = coldAtomCircuit('rydberg').rlx(0, 'a').rydbergBlock('all', 'a').measure(0);
    const error = thrown(() => scan(circuit, { axes: { a: [-1] } }, { shots: 1, angles: 'wrap' })) as CircuitValidationError;
    expect(error.problems.map((p) => [p.instructionIndex, p.gate, p.rule])).toEqual([[1, 'rydberg_block', 'param-range']]);
  });

  it('is an error by default', () => {
    const error = thrown(() => scan(coldAtomCircuit('singlequdit').rlx(0, -1).measure(0), { axes: {} }, { shots: 1 })) as CircuitValidationError;
    expect(error.problems.map((p) => p.rule)).toEqual(['param-range']);
  });
});

describe('validateExperiments', () => {
  it('checks a payload from anywhere and returns it, wrapped on request', () => {
    const payload = {
      experiment_0: {
        instructions: [
          ['rlx', [0], [7]],
          ['measure', [0], []],
        ] as [string, number[], number[]][],
        shots: 1,
        num_wires: 1,
        wire_order: 'interleaved' as const,
      },
    };
    expect(() => validateExperiments(payload, referenceBackends.singlequdit.config)).toThrow(CircuitValidationError);
    expect(validateExperiments(payload, referenceBackends.singlequdit.config, { angles: 'wrap' }).experiment_0!.instructions[0]).toEqual([
      'rlx',
      [0],
      [7 - 2 * Math.PI],
    ]);
    expect(payload.experiment_0.instructions[0]).toEqual(['rlx', [0], [7]]);
  });

  it('allows experiment indices above max_experiments, because runs split payloads into jobs', () => {
    const rabi = coldAtomCircuit('singlequdit').load(0, 5).rlx(0, 'theta').measure(0);
    const { payload } = scan(rabi, { axes: { theta: linspace(0, 1, 1002) } }, { shots: 1 });
    expect(Object.keys(payload).at(-1)).toBe('experiment_1001');
  });
});

describe('linspace', () => {
  it('equals numpy.linspace bit for bit (i·step + start, the last point exactly stop)', () => {
    // numpy 2.4: [float(x) for x in np.linspace(0, np.pi, 21)], the README's Rabi scan.
    expect(linspace(0, Math.PI, 21)[11]).toBe(1.7278759594743862);
    expect(linspace(0, 4 * Math.PI, 50).slice(9, 12)).toEqual([2.3081088883516845, 2.5645654315018716, 2.821021974652059]);
    expect(linspace(0, 4 * Math.PI, 50).at(-1)).toBe(4 * Math.PI);
    expect(linspace(-1.5, 2.25, 7)).toEqual([-1.5, -0.875, -0.25, 0.375, 1, 1.625, 2.25]);
    expect(linspace(0, 6.4, 1100).slice(1095)).toEqual([6.376706096451319, 6.382529572338489, 6.38835304822566, 6.39417652411283, 6.4]);
  });
});
