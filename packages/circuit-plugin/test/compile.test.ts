import { describe, expect, it } from 'vitest';
import { BackendConfiguration, referenceBackends } from '@coldatom/backend-config';
import { JobPayload } from '@coldatom/core';
import { coldAtomCircuit, compileCircuits, compileExperiment, fromQasm, interleavedToSequential, sequentialToInterleaved } from '@coldatom/circuit-plugin';
import { readVector } from '../../../test/support/vectors.js';

/**
 * Python's `json.dumps` with its default separators, for comparing with the vector's exact text.
 * Enough for payloads whose floats are never integer-valued (Python would write `50.0`).
 */
function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonJsonDumps(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

interface QcaVector {
  circuits: { numWires: number; builderCalls: { gate: string; params?: number[]; wires?: number[] }[]; gates: unknown[] }[];
  shots: number;
  backendConfig: unknown;
  payload: unknown;
  payloadJson: string;
}

interface WireOrderVector {
  cases: { name: string; numSites: number; numSpecies: number; sequential: number[]; interleaved: number[]; interleavedSortedForPayload: number[] }[];
}

/** A minimal served config with `num_species` species and the given convention. */
const speciesConfig = (numWires: number, numSpecies: number, wireOrder: 'sequential' | 'interleaved'): BackendConfiguration =>
  BackendConfiguration.parse({ backend_name: 'lab_species_simulator', n_qubits: numWires, gates: [], num_species: numSpecies, wire_order: wireOrder });

describe('compileCircuits', () => {
  const vector = readVector<QcaVector>('payloads/qca-two-circuits.json');
  const config = BackendConfiguration.parse(vector.backendConfig);
  const circuits = vector.circuits.map((c) => {
    const circuit = coldAtomCircuit(config, { wires: c.numWires });
    for (const call of c.builderCalls) {
      if (call.gate === 'measure_all') circuit.measureAll();
      else for (const wire of call.wires ?? []) circuit.gate(call.gate, wire, ...(call.params ?? []));
    }
    return circuit;
  });

  it('builds the reference client circuits gate for gate', () => {
    circuits.forEach((circuit, i) => {
      expect(circuit.gates().map((g) => [g.name, g.wires, g.params])).toEqual(vector.circuits[i]!.gates);
    });
  });

  it('reproduces the reference client payload for two circuits, key order and exact json.dumps text included', () => {
    const payload = compileCircuits(circuits, { shots: vector.shots, config });
    expect(payload).toEqual(vector.payload);
    expect(JSON.stringify(payload)).toBe(JSON.stringify(vector.payload));
    expect(pythonJsonDumps(payload)).toBe(vector.payloadJson);
    expect(JobPayload.safeParse(payload).success).toBe(true);
  });
});

describe('wire-order conversion', () => {
  const { cases } = readVector<WireOrderVector>('payloads/wire-order.json');

  it('follows the formulas of the wire-order vectors in both directions', () => {
    expect(cases.length).toBeGreaterThan(3);
    for (const c of cases) {
      expect(
        c.sequential.map((w) => sequentialToInterleaved(w, c.numSites, c.numSpecies)),
        c.name,
      ).toEqual(c.interleaved);
      expect(
        c.interleaved.map((w) => interleavedToSequential(w, c.numSites, c.numSpecies)),
        c.name,
      ).toEqual(c.sequential);
    }
  });

  it('converts a sequential circuit for an interleaved backend: single wires element-wise, wire lists sorted', () => {
    for (const c of cases) {
      const numWires = c.numSites * c.numSpecies;
      const circuit = coldAtomCircuit(speciesConfig(numWires, c.numSpecies, 'interleaved'), { wireOrder: 'sequential' }).barrier(c.sequential);
      for (const wire of c.sequential) circuit.measure(wire);
      const { instructions, wire_order } = compileExperiment(circuit, { shots: 1 });
      expect(wire_order).toBe('interleaved');
      expect(instructions[0], c.name).toEqual(['barrier', c.interleavedSortedForPayload, []]);
      expect(
        instructions.slice(1).map(([, wires]) => wires[0]),
        c.name,
      ).toEqual(c.interleaved);
    }
  });

  it('converts an interleaved circuit for a sequential backend', () => {
    for (const c of cases) {
      const circuit = coldAtomCircuit(speciesConfig(c.numSites * c.numSpecies, c.numSpecies, 'sequential'), { wireOrder: 'interleaved' });
      for (const wire of c.interleaved) circuit.measure(wire);
      expect(
        compileExperiment(circuit, { shots: 1 }).instructions.map(([, wires]) => wires[0]),
        c.name,
      ).toEqual(c.sequential);
    }
  });

  it('converts no wire when the circuit is written in the backend convention, or the backend has one species', () => {
    const fermions = coldAtomCircuit('fermions').load(1).fhop([2, 3, 4, 5], 0.5).measure(1);
    expect(compileExperiment(fermions, { shots: 1 }).instructions[1]).toEqual(['fhop', [2, 3, 4, 5], [0.5]]);
    const rydberg = coldAtomCircuit('rydberg', { wires: 2, wireOrder: 'sequential' }).rlx(1, 1).measure(1);
    expect(compileExperiment(rydberg, { shots: 1 }).instructions[0]).toEqual(['rlx', [1], [1]]);
  });

  it('sorts every wire list when the config has num_species, as qiskit-cold-atom does (servers compare coupling maps in order)', () => {
    const fermions = coldAtomCircuit('fermions').load(1).fhop([2, 3, 0, 1], 0.5).measure(1);
    expect(compileExperiment(fermions, { shots: 1 }).instructions[1]).toEqual(['fhop', [0, 1, 2, 3], [0.5]]);
    const multi = coldAtomCircuit('multiqudit', { wires: 3 }).rlxly([2, 1], 0.5).barrier([2, 0]).measure(1);
    expect(compileExperiment(multi, { shots: 1 }).instructions.slice(0, 2)).toEqual([
      ['rlxly', [1, 2], [0.5]],
      ['barrier', [0, 2], []],
    ]);
    // Without num_species the config states no convention: wires go as written.
    const plain = BackendConfiguration.parse({ ...referenceBackends.multiqudit.config, num_species: undefined });
    expect(compileExperiment(coldAtomCircuit(plain, { wires: 3 }).rlxly([2, 1], 0.5), { shots: 1 }).instructions[0]).toEqual(['rlxly', [2, 1], [0.5]]);
  });

  it('converts a sequential fermion circuit (spin up on wires 0–3, down on 4–7) to the backend order', () => {
    const circuit = coldAtomCircuit('fermions', { wireOrder: 'sequential' }).load(0).load(4).fhop([0, 4, 1, 5], 0.5).fphase([1, 5], 0.1).measure(1);
    const experiment = compileExperiment(circuit, { shots: 5 });
    expect(experiment.instructions).toEqual([
      ['load', [0], []],
      ['load', [1], []],
      ['fhop', [0, 1, 2, 3], [0.5]],
      ['fphase', [2, 3], [0.1]],
      ['measure', [2], []],
    ]);
    expect(experiment).toEqual({ instructions: experiment.instructions, shots: 5, num_wires: 8, wire_order: 'interleaved' });
  });

  it('refuses a circuit whose width does not split into the species', () => {
    const circuit = coldAtomCircuit('fermions', { wires: 7, wireOrder: 'sequential' }).load(0);
    expect(() => compileExperiment(circuit, { shots: 1 })).toThrow(/A 7-wire circuit cannot be split into 2 species/);
  });
});

describe('compileExperiment', () => {
  it('writes the keys in the reference order, numbers as numbers, the seed when given', () => {
    const circuit = coldAtomCircuit('singlequdit').load(0, '50').rlx(0, 'pi/2').measure(0);
    const experiment = compileExperiment(circuit, { shots: 3, seed: 12345 });
    expect(JSON.stringify(experiment)).toBe(
      '{"instructions":[["load",[0],[50]],["rlx",[0],[1.5707963267948966]],["measure",[0],[]]],"shots":3,"num_wires":1,"wire_order":"interleaved","seed":12345}',
    );
  });

  it('takes parameters in the gate definition order', () => {
    const circuit = coldAtomCircuit('multiqudit', { wires: 2 }).multiquditFull('all', 'a', 'b', 'c', 'd', 'f').measure(0);
    const bindings = { a: 1, b: 2, c: 3, d: 4, f: 5 };
    expect(compileExperiment(circuit, { shots: 1, bindings }).instructions[0]).toEqual(['multiqudit_full', [0, 1], [1, 2, 3, 4, 5]]);
  });

  it('keeps measure and barrier as instructions', () => {
    const instructions = compileExperiment(coldAtomCircuit('rydberg', { wires: 2 }).barrier([0]).measure(1), { shots: 1 }).instructions;
    expect(instructions).toEqual([
      ['barrier', [0], []],
      ['measure', [1], []],
    ]);
  });

  it('needs a config when the circuit was not written for a backend', () => {
    const circuit = fromQasm('OPENQASM 2.0;\nqreg q[1];\ncreg c[1];\nload q[0];\nmeasure q[0] -> c[0];\n');
    expect(() => compileExperiment(circuit, { shots: 1 })).toThrow(/No backend configuration to compile against/);
    expect(compileExperiment(circuit, { shots: 1, config: referenceBackends.mot.config }).instructions).toEqual([
      ['load', [0], [1]],
      ['measure', [0], []],
    ]);
  });

  it('emits payloads the JobPayload schema accepts for every reference backend', () => {
    const circuits = [
      coldAtomCircuit('singlequdit').load(0, 20).sqFull(0, 1, 2, 3).measure(0),
      coldAtomCircuit('multiqudit', { wires: 3 }).load(1, 4).rlzlz([0, 1], 1).rlz2(2, 0.5).measure(0).measure(2),
      coldAtomCircuit('fermions').load(0).fhop([0, 1, 2, 3], 1).fint('all', 2).measureAll(),
      coldAtomCircuit('rydberg').rlx(0, 1).rydbergBlock('all', 2).measureAll(),
      coldAtomCircuit('mot').load(0, 20).measure(0),
    ];
    for (const circuit of circuits) {
      const payload = compileCircuits([circuit], { shots: 10 });
      expect(JobPayload.safeParse(payload).success, circuit.backend).toBe(true);
    }
  });
});
