import QuantumCircuit from 'quantum-circuit';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { referenceBackends } from '@coldatom/backend-config';
import {
  type ColdAtomCircuit,
  coldAtomCircuit,
  compileExperiment,
  fromQasm,
  fromQuantumCircuit,
  type FermionCircuit,
  type MultiQuditCircuit,
  type SingleQuditCircuit,
} from '@coldatom/circuit-plugin';

const names = (circuit: { gates(): { name: string; wires: readonly number[] }[] }): string[] =>
  circuit.gates().map((g) => `${g.name}${JSON.stringify(g.wires)}`);

describe('coldAtomCircuit', () => {
  it('keeps the order gates are written in, across wires (quantum-circuit would pack them left)', () => {
    const circuit = coldAtomCircuit('multiqudit', { wires: 2 }).rlx(0, 1).rlx(0, 2).measure(1).rlz(1, 3).rlxly([0, 1], 4).measure(0);
    expect(names(circuit)).toEqual(['rlx[0]', 'rlx[0]', 'measure[1]', 'rlz[1]', 'rlxly[0,1]', 'measure[0]']);
    const experiment = compileExperiment(circuit, { shots: 1 });
    expect(experiment.instructions.map(([name, wires]) => `${name}${JSON.stringify(wires)}`)).toEqual(names(circuit));
  });

  it('sizes the circuit to the backend, or as asked', () => {
    expect(coldAtomCircuit('singlequdit').width).toBe(1);
    expect(coldAtomCircuit('fermions').width).toBe(8);
    expect(coldAtomCircuit('rydberg', { wires: 3 }).width).toBe(3);
  });

  it('gives each reference backend a type listing only its own gates', () => {
    const single = coldAtomCircuit('singlequdit');
    expectTypeOf(single).toEqualTypeOf<SingleQuditCircuit>();
    expectTypeOf(single.load(0, 5).rlz2(0, 'chi')).toEqualTypeOf<SingleQuditCircuit>();
    expectTypeOf(single).not.toHaveProperty('fhop');
    expectTypeOf(coldAtomCircuit('fermions').load(0)).toEqualTypeOf<FermionCircuit>();
    expectTypeOf(coldAtomCircuit('multiqudit').withWireOrder('sequential')).toEqualTypeOf<MultiQuditCircuit>();
    // @ts-expect-error fermion loads take no atom number
    expect(() => coldAtomCircuit('fermions').load(0, 5)).toThrow(/load on fermions takes no N \(it is always 1\)/);
    expect(() => (single as unknown as ColdAtomCircuit).fhop([0, 1, 2, 3], 1)).toThrow(/singlequdit has no instruction fhop; its instructions: /);
  });

  it('loads one atom unless told otherwise, and writes fermion loads without parameters', () => {
    expect(compileExperiment(coldAtomCircuit('singlequdit').load(0).measure(0), { shots: 1 }).instructions[0]).toEqual(['load', [0], [1]]);
    expect(compileExperiment(coldAtomCircuit('fermions').load(3).measure(3), { shots: 1 }).instructions[0]).toEqual(['load', [3], []]);
  });

  it("puts the all-wire gates on every wire with 'all'", () => {
    const circuit = coldAtomCircuit('rydberg').rydbergBlock('all', 1).rydbergFull('all', 1, 2, 3).measure(0);
    expect(
      circuit
        .gates()
        .slice(0, 2)
        .map((g) => g.wires),
    ).toEqual([
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4],
    ]);
    expect(coldAtomCircuit('fermions').fint('all', 0.2).gates()[0]?.wires).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('expands measureAll into a barrier on every wire and one measure per wire, as qiskit does', () => {
    expect(names(coldAtomCircuit('rydberg', { wires: 2 }).rlx(1, 1).measureAll())).toEqual(['rlx[1]', 'barrier[0,1]', 'measure[0]', 'measure[1]']);
  });

  it.each([
    ['a wire outside the circuit', (c: ColdAtomCircuit) => c.rlx(2, 1), /rlx\(\[2\], 1\): wire 2 is outside this 2-wire circuit \(wires 0…1\)/],
    ['a negative wire', (c: ColdAtomCircuit) => c.rlx(-1, 1), /wire -1 is outside/],
    ['a fractional wire', (c: ColdAtomCircuit) => c.rlx(0.5, 1), /wire 0.5 is outside/],
    ['a wire listed twice', (c: ColdAtomCircuit) => c.rlxly([1, 1], 1), /rlxly\(\[1,1\], 1\): a wire is listed twice/],
    ['too many parameters', (c: ColdAtomCircuit) => c.gate('rlx', 0, 1, 2), /rlx\(\[0\], 1, 2\): rlx takes 1 parameter \(omega\), got 2/],
    [
      'a missing parameter',
      (c: ColdAtomCircuit) => c.gate('multiqudit_full', [0, 1], 1),
      /multiqudit_full needs 5 parameters \(omega, delta, chi, Jxy, Jzz\); delta is missing/,
    ],
    ['an instruction the backend lacks', (c: ColdAtomCircuit) => c.sqFull(0, 1, 2, 3), /multiqudit has no instruction sq_full; its instructions: rlx, rlz/],
    ['an infinite parameter', (c: ColdAtomCircuit) => c.rlx(0, Number.POSITIVE_INFINITY), /parameter omega is Infinity, not a finite number/],
    [
      'an expression that does not parse',
      (c: ColdAtomCircuit) => c.rlx(0, 'theta +'),
      /rlx\(\[0\], "theta \+"\): parameter omega: "theta \+" is not an expression/,
    ],
    ['an assignment', (c: ColdAtomCircuit) => c.rlx(0, 'theta = 2'), /must be a single expression without assignments/],
    ['an unknown instruction', (c: ColdAtomCircuit) => c.gate('rx', 0, 1), /rx is not a cold-atom instruction/],
  ])('refuses %s, naming the call', (_what, call, message) => {
    const circuit = coldAtomCircuit('multiqudit', { wires: 2 }) as unknown as ColdAtomCircuit;
    expect(() => call(circuit)).toThrow(message);
    expect(circuit.gates()).toEqual([]);
  });

  it('refuses an unknown backend name', () => {
    expect(() => coldAtomCircuit('bosons' as 'mot')).toThrow(/"bosons" is not a reference backend .*; pass its served config instead/);
  });
});

describe('quantum-circuit interoperability', () => {
  const circuit = (): MultiQuditCircuit => coldAtomCircuit('multiqudit', { wires: 2 }).load(0, 5).rlx(1, 'theta/2').rlxly([0, 1], 'j').measure(0);
  const config = referenceBackends.multiqudit.config;
  const compiled = (c: Parameters<typeof compileExperiment>[0]): unknown => compileExperiment(c, { shots: 1, config, bindings: { theta: 1, j: 0.4 } });

  it('survives save() and load() with its parameters, symbols included', () => {
    const restored = new QuantumCircuit();
    restored.load(JSON.parse(JSON.stringify(circuit())));
    expect(compiled(fromQuantumCircuit(restored))).toEqual(compiled(circuit()));
    expect(compiled(fromQuantumCircuit(circuit().toJSON()))).toEqual(compiled(circuit()));
  });

  it('survives an OpenQASM 2 round trip with its parameters, symbols kept as symbols', () => {
    const text = circuit().toQasm();
    expect(text).toContain('load (5) q[0];\nrlx (theta/2) q[1];\nrlxly (j) q[0], q[1];\nmeasure q[0] -> c[0];');
    expect(compiled(fromQasm(text))).toEqual(compiled(circuit()));
  });

  it('reads hand-written OpenQASM with the cold-atom gates', () => {
    const circuit = fromQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg c[1];\nload(50) q[0];\nrlx(theta) q[0];\nmeasure q[0] -> c[0];\n');
    expect(compileExperiment(circuit, { shots: 1, config: referenceBackends.singlequdit.config, bindings: { theta: 0.25 } }).instructions).toEqual([
      ['load', [0], [50]],
      ['rlx', [0], [0.25]],
      ['measure', [0], []],
    ]);
  });

  it('keeps the width its qreg declares, used or not', () => {
    const circuit = fromQasm('OPENQASM 2.0;\nqreg q[8];\ncreg c[8];\nload q[1];\nmeasure q[1] -> c[1];\n');
    expect(circuit.width).toBe(8);
    expect(circuit.toQasm()).toContain('qreg q[8];');
  });

  it.each([
    ['a syntax error', 'rlx( q[0];', /OpenQASM could not be read:\n {2}- line 4:\d+ /],
    [
      'an upper-case parameter the reader would drop',
      'rlx(Theta) q[0];',
      /drops identifiers that start with an upper-case letter[\s\S]*line 4:4 token recognition error/,
    ],
    ['a gate without its parameter', 'rlx q[0];', /gate 0 \(rlx on q\[0\]\): no value for omega/],
    ['an unknown gate', 'teleport(1) q[0];', /gate 0 \(teleport on q\[0\]\): teleport is not a gate this reader knows/],
  ])('refuses OpenQASM with %s, saying where', (_what, line, message) => {
    expect(() => fromQasm(`OPENQASM 2.0;\nqreg q[1];\ncreg c[1];\n${line}\n`)).toThrow(message);
  });

  it('draws the gates with their labels in SVG', () => {
    const svg = coldAtomCircuit('singlequdit').load(0, 5).rlz2(0, 0.3).measure(0).toSvg();
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('>rlz2<');
    expect(svg).toContain('>load<');
  });

  it('refuses anything that is not a circuit', () => {
    expect(() => fromQuantumCircuit({ gates: 'no' })).toThrow(/Expected a QuantumCircuit/);
  });

  it('states another wire convention without copying the gates', () => {
    const base = coldAtomCircuit('fermions');
    const sequential = base.withWireOrder('sequential');
    base.load(4);
    expect(sequential.wireOrder).toBe('sequential');
    expect(names(sequential)).toEqual(['load[4]']);
  });
});
