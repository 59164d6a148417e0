import { describe, expect, it } from 'vitest';
import { BackendConfiguration, referenceBackends } from '@coldatom/backend-config';
import { JobPayload } from '@coldatom/core';
import {
  CircuitValidationError,
  circuitFromQasm,
  coldAtomCircuit,
  compileExperiment,
  interleavedToSequential,
  linspace,
  scan,
  sequentialToInterleaved,
  sweepPoints,
} from '@coldatom/circuit-plugin';
import { readVector } from '../../../test/support/vectors.js';

interface QcaVector {
  circuits: { numWires: number; builderCalls: { gate: string; params?: number[]; wires?: number[] }[] }[];
  shots: number;
  backendConfig: unknown;
  payload: unknown;
}

describe('compileExperiment', () => {
  it('reproduces the reference client payload for two circuits', () => {
    const v = readVector<QcaVector>('payloads/qca-two-circuits.json');
    const config = BackendConfiguration.parse(v.backendConfig);
    const payload = Object.fromEntries(
      v.circuits.map((c, i) => {
        const circuit = coldAtomCircuit('test', { wires: c.numWires });
        for (const call of c.builderCalls) {
          if (call.gate === 'measure_all') circuit.measureAll();
          else for (const wire of call.wires ?? []) circuit.gate(call.gate, wire, ...(call.params ?? []));
        }
        return [`experiment_${i}`, compileExperiment(circuit, { shots: v.shots, config })];
      }),
    );
    expect(JSON.stringify(payload)).toBe(JSON.stringify(v.payload));
    expect(JobPayload.safeParse(payload).success).toBe(true);
  });

  it('converts wires between conventions exactly as the wire-order vectors say', () => {
    const { cases } = readVector<{ cases: { numSites: number; numSpecies: number; sequential: number[]; interleaved: number[] }[] }>('payloads/wire-order.json');
    expect(cases.length).toBeGreaterThan(3);
    for (const c of cases) {
      expect(c.sequential.map((w) => sequentialToInterleaved(w, c.numSites, c.numSpecies))).toEqual(c.interleaved);
      expect(c.interleaved.map((w) => interleavedToSequential(w, c.numSites, c.numSpecies))).toEqual(c.sequential);
    }
  });

  it('converts a sequential fermion circuit to the backend\'s interleaved wires, sorting multi-wire lists', () => {
    const config = referenceBackends.fermions.config;
    // Sequential: wires 0-3 spin up on tweezers 0-3, 4-7 spin down.
    const circuit = coldAtomCircuit('fermions', { wireOrder: 'sequential' }).load(0).load(4).fhop([0, 4, 1, 5], 0.5).measure(1);
    const experiment = compileExperiment(circuit, { shots: 5, config });
    expect(experiment.instructions).toEqual([['load', [0], []], ['load', [1], []], ['fhop', [0, 1, 2, 3], [0.5]], ['measure', [2], []]]);
    expect(experiment.wire_order).toBe('interleaved');
  });

  it('keeps the author\'s order across wires and evaluates expressions with the bindings', () => {
    const circuit = coldAtomCircuit('multiqudit', { wires: 2 }).rlx(1, 'theta/2').rlz(0, 'theta*2').rlxly([0, 1], 'pi/4').measure(1).measure(0);
    const experiment = compileExperiment(circuit, { shots: 3, config: referenceBackends.multiqudit.config, bindings: { theta: 1 } });
    expect(experiment.instructions).toEqual([['rlx', [1], [0.5]], ['rlz', [0], [2]], ['rlxly', [0, 1], [Math.PI / 4]], ['measure', [1], []], ['measure', [0], []]]);
  });

  it('names an unbound symbol instead of using 0', () => {
    const circuit = coldAtomCircuit('singlequdit').load(0, 10).rlx(0, 'omega_t').measure(0);
    expect(() => compileExperiment(circuit, { shots: 1, config: referenceBackends.singlequdit.config })).toThrow(/Instruction 1 \(rlx\), parameter omega: .* unbound symbol omega_t/);
  });
});

describe('sweeps', () => {
  it('linspace includes both ends', () => {
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('combine axes as a product with the first declared varying slowest, or zipped', () => {
    expect(sweepPoints({ axes: { a: { values: [1, 2] }, b: { values: [10, 20] } } })).toEqual([{ a: 1, b: 10 }, { a: 1, b: 20 }, { a: 2, b: 10 }, { a: 2, b: 20 }]);
    expect(sweepPoints({ axes: { a: { values: [1, 2] }, b: { values: [10, 20] } }, zip: true })).toEqual([{ a: 1, b: 10 }, { a: 2, b: 20 }]);
  });

  it('rejects scan variables the expression language predefines', () => {
    for (const name of ['pi', 'e', 'i', 'phi', 'tau']) {
      expect(() => sweepPoints({ axes: { [name]: { values: [1] } } })).toThrow(new RegExp(`Scan variable "${name}" is a name the expression language predefines`));
    }
  });
});

describe('scan', () => {
  const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);

  it('makes one experiment per scan point, recording each point', () => {
    const compiled = scan(rabi, { axes: { theta: { linspace: [0, Math.PI, 3] } } }, { shots: 100, config: referenceBackends.singlequdit.config, seed: 7 });
    expect(Object.keys(compiled.payload)).toEqual(['experiment_0', 'experiment_1', 'experiment_2']);
    expect(compiled.payload.experiment_2!.instructions[1]).toEqual(['rlx', [0], [Math.PI]]);
    expect(compiled.payload.experiment_1!.seed).toBe(7);
    expect(compiled.points.map((p) => p.values.theta)).toEqual([0, Math.PI / 2, Math.PI]);
  });

  it('collects every problem before anything is sent', () => {
    const error = (() => {
      try {
        scan(rabi, { axes: { theta: { values: [1, 7, -1] } } }, { shots: 2_000_000, config: referenceBackends.singlequdit.config });
      } catch (e) {
        return e;
      }
      return undefined;
    })() as CircuitValidationError;
    expect(error).toBeInstanceOf(CircuitValidationError);
    expect(error.problems.map((p) => [p.experiment, p.rule])).toEqual([
      ['experiment_0', 'shots'],
      ['experiment_1', 'shots'],
      ['experiment_1', 'param-range'],
      ['experiment_2', 'shots'],
      ['experiment_2', 'param-range'],
    ]);
    expect(error.message).toContain('experiment_1, instruction 1 (rlx on wires [0]): parameter omega = 7 is invalid; allowed: 0 ≤ omega ≤ 2π.');
  });

  it('wraps out-of-range angles into range on request', () => {
    const compiled = scan(rabi, { axes: { theta: { values: [7] } } }, { shots: 1, config: referenceBackends.singlequdit.config, angles: 'wrap' });
    expect(compiled.payload.experiment_0!.instructions[1]![2][0]).toBeCloseTo(7 - 2 * Math.PI, 12);
  });
});

describe('OpenQASM', () => {
  it('reads cold-atom gates with their parameters', () => {
    const circuit = circuitFromQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg c[1];\nload(50) q[0];\nrlx(theta) q[0];\nmeasure q[0] -> c[0];\n');
    expect(compileExperiment(circuit, { shots: 1, config: referenceBackends.singlequdit.config, bindings: { theta: 0.25 } }).instructions).toEqual([
      ['load', [0], [50]], ['rlx', [0], [0.25]], ['measure', [0], []],
    ]);
  });

  it('writes them back out with their parameters (a round trip keeps them)', () => {
    const circuit = coldAtomCircuit('fermions').load(0).fhop([0, 1, 2, 3], 0.5).measure(0);
    const text = circuit.toQasm();
    expect(text).toMatch(/fhop \(0\.5\) q\[0\], ?q\[1\], ?q\[2\], ?q\[3\];/);
    const again = compileExperiment(circuitFromQasm(text), { shots: 1, config: referenceBackends.fermions.config });
    expect(again.instructions).toEqual([['load', [0], []], ['fhop', [0, 1, 2, 3], [0.5]], ['measure', [0], []]]);
  });

  it('draws the gates with their labels', () => {
    expect(coldAtomCircuit('singlequdit').load(0, 5).rlz2(0, 0.3).toSvg()).toMatch(/rlz2/);
  });
});
