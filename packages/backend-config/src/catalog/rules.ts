import type { ExperimentRule, InstructionRule, ParameterRule, ReferenceBackend, ReferenceBackendName } from '../catalog-types.js';

const TWO_PI = 2 * Math.PI;
const TWENTY_PI = 20 * Math.PI;
const FULL_MAX = 5e6 * Math.PI;

const angle = (name: string, max = TWO_PI): ParameterRule => ({ name, min: 0, max, integer: false });
const atoms: ParameterRule = { name: 'N', min: 1, max: 500, integer: true };
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const singles = (maxWire: number): number[][] => range(0, maxWire).map((w) => [w]);

function rule(
  name: string,
  serverModel: string,
  operator: string,
  wires: { min: number; max: number; maxWire: number; couplingMap?: number[][] },
  params: ParameterRule[],
  isGate = true,
  minParamsAccepted?: number,
): InstructionRule {
  return {
    name,
    operator,
    serverModel,
    wireCount: { min: wires.min, max: wires.max },
    maxWire: wires.maxWire,
    ...(wires.couplingMap ? { couplingMap: wires.couplingMap } : {}),
    params,
    isGate,
    ...(minParamsAccepted === undefined ? {} : { minParamsAccepted }),
  };
}

const byName = (rules: InstructionRule[]): Record<string, InstructionRule> => Object.fromEntries(rules.map((r) => [r.name, r]));
const experiment = (
  serverModel: string,
  min: number,
  max: number,
  wireOrders: ExperimentRule['wireOrders'] = ['interleaved', 'sequential'],
): ExperimentRule => ({
  serverModel,
  numWires: { min, max },
  wireOrders,
  maxShots: 1_000_000,
  maxExperiments: 1000,
});

const singlequdit: ReferenceBackend = {
  name: 'singlequdit',
  summary: 'One collective spin l = N/2 of N atoms; the outcome is the number of atoms that left the initial level.',
  experiment: experiment('SingleQuditExperiment', 1, 1),
  instructions: byName([
    rule('rlx', 'RlxInstruction', 'exp(−i ω Lx)', { min: 0, max: 1, maxWire: 0, couplingMap: [[0]] }, [angle('omega')]),
    rule('rlz', 'RlzInstruction', 'exp(−i δ Lz)', { min: 0, max: 1, maxWire: 0, couplingMap: [[0]] }, [angle('delta')]),
    rule('rlz2', 'LocalSqueezingInstruction', 'exp(−i χ Lz²)', { min: 0, max: 1, maxWire: 0, couplingMap: [[0]] }, [angle('chi', TWENTY_PI)]),
    rule('sq_full', 'SinglequditFullInstruction', 'exp(−i (ω Lx + δ Lz + χ Lz²))', { min: 0, max: 1, maxWire: 0, couplingMap: [[0]] }, [
      angle('omega', FULL_MAX),
      angle('delta', FULL_MAX),
      angle('chi', FULL_MAX),
    ]),
    rule('load', 'LoadInstruction', 'resets the state to N atoms (spin l = N/2) in the initial level', { min: 0, max: 1, maxWire: 0 }, [atoms], false),
    rule('measure', 'MeasureBarrierInstruction', 'samples the atom count at this point; the last measure wins', { min: 0, max: 1, maxWire: 0 }, [], false),
    rule('barrier', 'MeasureBarrierInstruction', 'no-op', { min: 0, max: 1, maxWire: 0 }, [], false),
  ]),
};

const multiqudit: ReferenceBackend = {
  name: 'multiqudit',
  summary: 'Up to 5 collective spins in a chain; every load is applied before any gate.',
  experiment: { ...experiment('MultiQuditExperiment', 1, 5), maxHilbertDimension: 4096 },
  instructions: byName([
    rule('rlx', 'RlxInstruction', 'exp(−i ω Lx) on one wire', { min: 0, max: 1, maxWire: 4, couplingMap: singles(4) }, [angle('omega')]),
    rule('rlz', 'RlzInstruction', 'exp(−i δ Lz) on one wire', { min: 0, max: 1, maxWire: 4, couplingMap: singles(4) }, [angle('delta')]),
    rule('rlz2', 'LocalSqueezingInstruction', 'exp(−i χ Lz²) on one wire', { min: 0, max: 1, maxWire: 4, couplingMap: singles(4) }, [angle('chi', TWENTY_PI)]),
    rule(
      'rlxly',
      'RlxlyInstruction',
      'exp(−i J (L₊ᵢL₋ⱼ + L₋ᵢL₊ⱼ)) on neighbours; on all wires a nearest-neighbour chain',
      { min: 2, max: 5, maxWire: 4, couplingMap: [[0, 1], [1, 2], [2, 3], [3, 4], range(0, 4)] },
      [angle('J', TWENTY_PI)],
    ),
    rule(
      'rlzlz',
      'RlzlzInstruction',
      'exp(−i J Lzᵢ Lzⱼ) on neighbours (the 5-wire form is a no-op)',
      { min: 2, max: 5, maxWire: 4, couplingMap: [[0, 1], [1, 2], [2, 3], [3, 4], range(0, 4)] },
      [angle('J', TWENTY_PI)],
    ),
    rule(
      'multiqudit_full',
      'MultiQuditFullInstruction',
      'exp(−i Σ(ω Lx + δ Lz + χ Lz²) − i Σ(Jxy(L₊L₋ + h.c.) + Jzz Lz Lz)) over all wires',
      { min: 2, max: 5, maxWire: 4, couplingMap: [[0], [0, 1], range(0, 2), range(0, 3), range(0, 4)] },
      [angle('omega', FULL_MAX), angle('delta', FULL_MAX), angle('chi', FULL_MAX), angle('Jxy', FULL_MAX), angle('Jzz', FULL_MAX)],
    ),
    rule('load', 'LoadInstruction', 'sets the wire to N atoms (spin l = N/2), before any gate', { min: 1, max: 1, maxWire: 4 }, [atoms], false),
    rule('measure', 'MeasureInstruction', 'records the wire (sampled at the end)', { min: 1, max: 1, maxWire: 4 }, [], false),
    rule('barrier', 'BarrierInstruction', 'no-op', { min: 0, max: 5, maxWire: 4 }, [], false),
  ]),
};

const fermions: ReferenceBackend = {
  name: 'fermions',
  summary: '4 tweezers × 2 spin states = 8 fermionic modes (even wires spin up, odd wires spin down).',
  experiment: experiment('FermionExperiment', 1, 8, ['interleaved']),
  instructions: byName([
    rule('load', 'LoadMeasureInstruction', 'c†_w: puts a fermion into the mode', { min: 1, max: 1, maxWire: 7 }, [], false),
    rule(
      'fhop',
      'HopInstruction',
      'exp(−i θ (c†a cc + c†c ca + c†b cd + c†d cb)) for wires [a, b, c, d]',
      { min: 4, max: 4, maxWire: 7, couplingMap: [range(0, 3), range(2, 5), range(4, 7)] },
      [angle('j_i')],
      true,
      0,
    ),
    rule(
      'fint',
      'IntInstruction',
      'exp(−i U Σ n↑ n↓) over all four tweezers',
      { min: 0, max: 8, maxWire: 7, couplingMap: [range(0, 7)] },
      [angle('u')],
      true,
      0,
    ),
    rule(
      'fphase',
      'PhaseInstruction',
      'exp(−i μ (n_a + n_b)) on one tweezer',
      {
        min: 2,
        max: 2,
        maxWire: 7,
        couplingMap: [
          [0, 1],
          [2, 3],
          [4, 5],
          [6, 7],
        ],
      },
      [angle('mu_i')],
      true,
      0,
    ),
    rule('measure', 'LoadMeasureInstruction', 'records the occupation (0/1) of the mode at the end', { min: 1, max: 1, maxWire: 7 }, [], false),
    rule('barrier', 'BarrierInstruction', 'no-op', { min: 0, max: 8, maxWire: 7 }, [], false),
  ]),
};

const rydberg: ReferenceBackend = {
  name: 'rydberg',
  summary: 'A chain of up to 5 Rydberg qubits; index 1 is the Rydberg state.',
  experiment: experiment('RydbergExperiment', 1, 5),
  instructions: byName([
    rule('rlx', 'RlxInstruction', 'exp(−i ω σx/2) on one qubit', { min: 0, max: 1, maxWire: 4, couplingMap: singles(4) }, [angle('omega')]),
    rule('rlz', 'RlzInstruction', 'exp(−i δ σz/2) on one qubit', { min: 0, max: 1, maxWire: 4, couplingMap: singles(4) }, [angle('delta')]),
    rule(
      'rydberg_block',
      'RydbergBlockInstruction',
      'exp(−i φ Σ_{i<j} nᵢnⱼ/|i−j|⁶) over all qubits',
      { min: 0, max: 5, maxWire: 4, couplingMap: [range(0, 4)] },
      [angle('phi')],
    ),
    rule(
      'rydberg_full',
      'RydbergFullInstruction',
      'exp(−i (ω Σσx/2 + δ Σσz/2 + φ Σ nᵢnⱼ/|i−j|⁶)) over all qubits',
      { min: 0, max: 5, maxWire: 4, couplingMap: [range(0, 4)] },
      [angle('omega', FULL_MAX), angle('delta', FULL_MAX), angle('phi', FULL_MAX)],
    ),
    rule('measure', 'MeasureInstruction', 'records the qubit (0/1) at the end', { min: 1, max: 1, maxWire: 4 }, [], false),
    rule('barrier', 'BarrierInstruction', 'no-op', { min: 0, max: 5, maxWire: 4 }, [], false),
  ]),
};

const mot: ReferenceBackend = {
  name: 'mot',
  summary: 'A labscript magneto-optical trap (hardware-style): the outcome is the loaded atom number.',
  experiment: experiment('MotExperiment', 1, 1),
  instructions: byName([
    rule('load', 'LoadInstruction', 'loads N atoms into the trap', { min: 0, max: 1, maxWire: 0 }, [atoms], false),
    rule('measure', 'MeasureBarrierInstruction', 'images the cloud and records the atom number', { min: 0, max: 1, maxWire: 0 }, [], false),
    rule('barrier', 'MeasureBarrierInstruction', 'no-op', { min: 0, max: 1, maxWire: 0 }, [], false),
  ]),
};

/** Rules of each reference backend (protocol.md §6), beyond what its served config carries. */
export const backendRules: Readonly<Record<ReferenceBackendName, ReferenceBackend>> = { singlequdit, multiqudit, fermions, rydberg, mot };
