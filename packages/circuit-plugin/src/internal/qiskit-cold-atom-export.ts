/**
 * `exportQiskit` for circuits of cold-atom gates: a Python script that builds the same circuit
 * with qiskit-cold-atom's gate methods (qiskit_cold_atom/spins/spins_gate_library.py and
 * fermions/fermion_gate_library.py, which add them to qiskit's QuantumCircuit when imported):
 * `load_spins(N, wire)`, `rlx/rlz/rlz2(angle, wire)`, `rlxly/rlzlz(γ, wires)`, `fload(wire)`,
 * `fhop([j], modes)`, `fint(u, modes)`, `fphase([μ], modes)`, `rydberg_full(ω, δ, φ, modes)`.
 * qiskit-cold-atom has no `sq_full` or `multiqudit_full`, and its `rydberg_block` method sends
 * `rydberg_blockade`: those are refused.
 */
import { CircuitError } from '../circuit-error.js';

/** One gate as the writer needs it: name, wires in the order given, parameter values in definition order. */
export interface ExportGate {
  readonly name: string;
  readonly wires: readonly number[];
  readonly params: readonly (number | string | undefined)[];
  /** Classical bit a measure writes (global index over the circuit's registers). */
  readonly bit?: number;
}

const FERMION_GATES = new Set(['fhop', 'fint', 'fphase']);

/** A parameter as Python: numbers as written, expressions with `^` as `**`, symbols as qiskit Parameters. */
function python(value: number | string | undefined, where: string): string {
  if (value === undefined) throw new CircuitError(`exportQiskit: ${where} has no value`);
  if (typeof value === 'number') return Number.isInteger(value) ? `${value}` : String(value);
  return value.replaceAll('^', '**');
}

/**
 * The script, or a {@link CircuitError} naming the first gate qiskit-cold-atom cannot express.
 * `symbols` are the free parameter names (declared as qiskit `Parameter`s).
 */
export function qiskitColdAtomScript(gates: readonly ExportGate[], width: number, bits: number, symbols: readonly string[]): string {
  const fermionic = gates.some((g) => FERMION_GATES.has(g.name));
  const lines = gates.map((gate, index) => {
    const where = `gate ${index} (${gate.name} on wires ${JSON.stringify(gate.wires)})`;
    const [p0] = gate.params;
    const wires = `[${gate.wires.join(', ')}]`;
    switch (gate.name) {
      case 'load':
        // qiskit-cold-atom has two loads: atoms onto a collective spin, or one fermion into a mode.
        return fermionic ? `qc.fload(${gate.wires[0]})` : `qc.load_spins(${python(p0, `${where}, parameter N`)}, ${gate.wires[0]})`;
      case 'rlx':
      case 'rlz':
      case 'rlz2':
        return `qc.${gate.name}(${python(p0, where)}, ${gate.wires[0]})`;
      case 'rlxly':
      case 'rlzlz':
        return `qc.${gate.name}(${python(p0, where)}, ${wires})`;
      case 'fhop':
      case 'fphase':
        // One strength per pair of tweezers (fhop) or per tweezer (fphase): one for the reference wire counts.
        return `qc.${gate.name}([${python(p0, where)}], ${wires})`;
      case 'fint':
        return `qc.fint(${python(p0, where)}, ${wires})`;
      case 'rydberg_full':
        return `qc.rydberg_full(${gate.params.map((p, k) => python(p, `${where}, parameter ${k}`)).join(', ')}, ${wires})`;
      case 'rydberg_block':
        // Its rydberg_block method appends an instruction named rydberg_blockade, which the backend does not know.
        throw new CircuitError(
          `exportQiskit cannot write ${where}: qiskit-cold-atom's rydberg_block method sends an instruction named rydberg_blockade, not rydberg_block. Export it with exportToQASM({ compatibilityMode: true }) or save(), or send it with @coldatom (compileExperiment, scan)`,
        );
      case 'measure':
        return `qc.measure(${gate.wires[0]}, ${gate.bit ?? gate.wires[0]})`;
      case 'barrier':
        return `qc.barrier(${gate.wires.join(', ')})`;
      default:
        throw new CircuitError(
          `exportQiskit cannot write ${where}: qiskit-cold-atom has no gate ${gate.name}, and a cold-atom circuit cannot mix in other gates. Export it with exportToQASM({ compatibilityMode: true }) or save(), or send it with @coldatom (compileExperiment, scan)`,
        );
    }
  });
  return [
    '# A cold-atom circuit for qiskit-cold-atom, written by @coldatom/circuit-plugin.',
    'from numpy import pi',
    'from qiskit import QuantumCircuit',
    ...(symbols.length > 0 ? ['from qiskit.circuit import Parameter'] : []),
    // Importing the gate libraries adds their methods to QuantumCircuit.
    fermionic ? 'import qiskit_cold_atom.fermions  # fload, fhop, fint, fphase' : 'import qiskit_cold_atom.spins  # load_spins, rlx, rlz, rlz2, rlxly, rlzlz',
    '',
    ...symbols.map((s) => `${s} = Parameter('${s}')`),
    `qc = QuantumCircuit(${width}${bits > 0 ? `, ${bits}` : ''})`,
    ...lines,
    '',
  ].join('\n');
}
