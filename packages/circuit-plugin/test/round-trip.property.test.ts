import QuantumCircuit from 'quantum-circuit';
import { describe, expect, it } from 'vitest';
import { referenceBackends, type ReferenceBackendName } from '@coldatom/backend-config';
import { coldAtomCircuit, compileExperiment, fromQasm, fromQuantumCircuit, type AnyCircuit, type ColdAtomCircuit } from '@coldatom/circuit-plugin';
import { seeded } from '../../../test/support/seeded-random.js';

type WireShape = 'one' | 'two' | 'four' | 'all' | 'some';
const SHAPES: Readonly<Record<string, WireShape>> = {
  load: 'one',
  rlx: 'one',
  rlz: 'one',
  rlz2: 'one',
  sq_full: 'one',
  measure: 'one',
  rlxly: 'two',
  rlzlz: 'two',
  fphase: 'two',
  fhop: 'four',
  multiqudit_full: 'all',
  fint: 'all',
  rydberg_block: 'all',
  rydberg_full: 'all',
  barrier: 'some',
};

/** A random circuit of `backend` built with the authoring API: any of its instructions, random wires and values. */
function randomCircuit(backend: ReferenceBackendName, seed: number, symbolic: boolean): ColdAtomCircuit {
  const next = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const entry = referenceBackends[backend];
  const { min, max } = entry.experiment.numWires;
  const width = Math.max(min, backend === 'fermions' ? 8 : 1 + Math.floor(next() * max));
  const circuit = coldAtomCircuit(backend, { wires: width }) as unknown as ColdAtomCircuit;
  const names = Object.keys(entry.instructions).filter((name) => (SHAPES[name] === 'two' ? width >= 2 : SHAPES[name] === 'four' ? width >= 4 : true));
  const shuffled = (): number[] => Array.from({ length: width }, (_, i) => i).sort(() => next() - 0.5);
  const length = 1 + Math.floor(next() * 12);
  // At least one cold-atom gate: a circuit of measures and barriers only is a plain circuit, which
  // quantum-circuit's own importers handle (its Qobj reader drops barriers).
  const coldAt = Math.floor(next() * length);
  const cold = names.filter((name) => name !== 'measure' && name !== 'barrier');
  for (let g = 0; g < length; g++) {
    const name = g === coldAt ? pick(cold) : pick(names);
    const rule = entry.instructions[name]!;
    const shape = SHAPES[name]!;
    const wires =
      shape === 'one'
        ? [pick(shuffled())]
        : shape === 'two'
          ? shuffled().slice(0, 2)
          : shape === 'four'
            ? shuffled().slice(0, 4)
            : shape === 'all'
              ? shuffled().sort((a, b) => a - b)
              : shuffled().slice(0, 1 + Math.floor(next() * width));
    const params = rule.params.map((spec, k) => {
      if (spec.integer) return 1 + Math.floor(next() * 500);
      if (symbolic && next() < 0.5) return pick(['a', 'b/2', '2*pi*a + 0.25', `b - ${k}`]);
      return next() * Math.min(spec.max, 7);
    });
    circuit.gate(name, wires, ...params);
  }
  return circuit;
}

/** OpenQASM gives numbers as text and expressions without spaces: the same value, the same expression. */
function normalParam(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value.replaceAll(' ', '');
}

/** Gates as data: names, wires in the order given, parameters as numbers where they are numbers (QASM gives text). */
function shape(circuit: AnyCircuit): unknown {
  return {
    width: circuit.width,
    gates: circuit.gates().map((g) => [g.name, g.wires, g.params.map(normalParam)]),
  };
}

const compiled = (circuit: AnyCircuit, config: (typeof referenceBackends)[ReferenceBackendName]['config'], symbolic: boolean) =>
  compileExperiment(circuit, { shots: 7, config, ...(symbolic ? { bindings: { a: 0.125, b: 0.5 } } : {}) });

type Exporting = QuantumCircuit & { exportRaw(): unknown; importRaw(data: unknown): void; exportQobj(): unknown; importQobj(data: unknown): void };

function plain(circuit: AnyCircuit): Exporting {
  const qc = new QuantumCircuit() as Exporting;
  qc.load(JSON.parse(JSON.stringify(circuit)));
  return qc;
}

describe('every cold-atom circuit round-trips exactly (seeded random circuits of every backend)', () => {
  const backends = Object.keys(referenceBackends) as ReferenceBackendName[];
  for (const backend of backends) {
    const config = referenceBackends[backend].config;
    it(`${backend}: save/load, exportRaw/importRaw, exportQobj/importQobj and OpenQASM`, () => {
      for (let seed = 1; seed <= 25; seed++) {
        for (const symbolic of [false, true]) {
          const original = randomCircuit(backend, seed * 7919 + backend.length, symbolic);
          const expected = shape(original);
          const label = `${backend} seed ${seed}${symbolic ? ' (symbolic)' : ''}`;
          const payload = compiled(original, config, symbolic);

          const saved = fromQuantumCircuit(JSON.parse(JSON.stringify(original.toJSON())), { backend });
          expect(shape(saved), `${label}: save/load`).toEqual(expected);
          expect(JSON.stringify(saved.toJSON()), `${label}: save of the loaded circuit`).toBe(JSON.stringify(original.toJSON()));

          const qasm = fromQasm(original.toQasm(), { backend });
          expect(shape(qasm), `${label}: OpenQASM`).toEqual(expected);
          expect(compiled(qasm, config, symbolic), `${label}: OpenQASM payload`).toEqual(payload);
          const text = (circuit: AnyCircuit) => (symbolic ? circuit.toQasm().replaceAll(' ', '') : circuit.toQasm());
          expect(text(qasm), `${label}: OpenQASM written again`).toBe(text(original));

          if (symbolic) continue; // raw and Qobj hold values, not symbols (they refuse unbound ones)
          const raw = new QuantumCircuit() as Exporting;
          raw.importRaw(plain(original).exportRaw());
          expect(shape(fromQuantumCircuit(raw)), `${label}: raw`).toEqual(expected);

          const qobj = new QuantumCircuit() as Exporting;
          qobj.importQobj(plain(original).exportQobj());
          expect(shape(fromQuantumCircuit(qobj)), `${label}: Qobj`).toEqual(expected);
          expect(compiled(fromQuantumCircuit(qobj), config, false), `${label}: Qobj payload`).toEqual(payload);
        }
      }
    });
  }
});
