/**
 * What quantum-circuit's exporters do with cold-atom gates, decided once per exporter: the formats
 * that store a circuit of this library (QASM, save, raw, Qobj, SVG) keep them; `exportQiskit`
 * writes qiskit-cold-atom code; every exporter to an ecosystem without these gates refuses with
 * one error naming the gate and the exporter — instead of code calling undefined functions, lines
 * without a gate name, a TypeError (QuEST) or an empty matrix.
 */
import type QuantumCircuit from 'quantum-circuit';
import { CircuitError } from '../circuit-error.js';
import { qiskitColdAtomScript, type ExportGate } from './qiskit-cold-atom-export.js';

/** What the guard needs to know of a circuit about to be exported. */
export interface ColdAtomContent {
  /** The circuit's cold-atom gates (ours, not the circuit's own of the same name), in time order. */
  readonly coldGates: readonly ExportGate[];
  /** Every gate in time order, for the qiskit-cold-atom script. */
  readonly allGates: readonly ExportGate[];
  /** Symbols a cold-atom gate uses that hold no value the user gave (the library would write 0). */
  readonly unbound: readonly { readonly symbol: string; readonly gate: ExportGate; readonly index: number }[];
  /** Free symbols of the cold-atom gates. */
  readonly symbols: readonly string[];
  readonly width: number;
  readonly bits: number;
}

/** Exporters to ecosystems that have no cold-atom gates, with the name users know them by. */
const REFUSED: Readonly<Record<string, string>> = {
  exportCirq: 'Cirq',
  exportToCirq: 'Cirq',
  exportQuEST: 'QuEST',
  exportToQuEST: 'QuEST',
  exportPyquil: 'pyQuil',
  exportToPyquil: 'pyQuil',
  exportQuil: 'Quil',
  exportToQuil: 'Quil',
  exportQSharp: 'Q#',
  exportToQSharp: 'Q#',
  exportCudaQ: 'CUDA-Q',
  exportToCudaQ: 'CUDA-Q',
  exportAQASM: 'AQASM',
  exportToAQASM: 'AQASM',
  exportPyAQASM: 'pyAQASM',
  exportToPyAQASM: 'pyAQASM',
  exportBraket: 'Braket',
  exportToBraket: 'Braket',
  exportTFQ: 'TensorFlow Quantum',
  exportToTFQ: 'TensorFlow Quantum',
  exportQuirk: 'Quirk',
  exportToIonq: 'IonQ',
  exportToGenerator: 'Quantum Generator',
  exportJavaScript: 'JavaScript (the script calls run(), which cannot simulate cold-atom gates)',
  circuitMatrix: 'a qubit unitary (cold-atom gates act on collective spins and fermionic modes)',
};

/** Exporters that write parameter values, not symbols: an unbound symbol would silently become 0. */
const EVALUATING: Readonly<Record<string, (args: unknown[]) => boolean>> = {
  exportRaw: () => true,
  exportQobj: () => true,
  exportToQobj: () => true,
  exportQASM: (args) => args[4] !== true,
  exportToQASM: (args) => (args[0] as { compatibilityMode?: boolean } | undefined)?.compatibilityMode !== true,
};

const QISKIT = new Set(['exportQiskit', 'exportToQiskit']);

const describe = (gate: ExportGate, index: number): string => `"${gate.name}" (gate ${index}, on wires ${JSON.stringify(gate.wires)})`;

/** Wraps each exporter of the prototype once; `inspect` reads a circuit's cold-atom content. */
export function guardExports(proto: QuantumCircuit, inspect: (circuit: QuantumCircuit) => ColdAtomContent | undefined): void {
  // Exporters call each other and export internal copies: only the outermost call decides.
  let depth = 0;
  const methods = proto as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of [...Object.keys(REFUSED), ...Object.keys(EVALUATING), ...QISKIT]) {
    const original = methods[name];
    if (typeof original !== 'function') continue;
    methods[name] = function (this: QuantumCircuit, ...args: unknown[]) {
      if (depth > 0) return original.apply(this, args);
      const content = inspect(this);
      const first = content?.coldGates[0];
      if (content && first) {
        const target = REFUSED[name];
        if (target) {
          throw new CircuitError(
            `${name} cannot write the cold-atom gate ${describe(first, content.allGates.indexOf(first))}: ${target} has no such gate. Export cold-atom circuits with exportToQASM({ compatibilityMode: true }), save() or exportQiskit (qiskit-cold-atom), or send them with @coldatom (compileExperiment, scan)`,
          );
        }
        if (QISKIT.has(name)) return qiskitColdAtomScript(content.allGates, content.width, content.bits, content.symbols);
        const evaluating = EVALUATING[name];
        const [unbound] = content.unbound;
        if (evaluating?.(args) && unbound) {
          throw new CircuitError(
            `${name} would write the unbound parameter ${unbound.symbol} of the cold-atom gate ${describe(unbound.gate, unbound.index)} as 0: give it a value in the circuit's options.params${name.includes('QASM') ? ', or keep the symbol with compatibilityMode: true' : ''}`,
          );
        }
      }
      depth++;
      try {
        return original.apply(this, args);
      } finally {
        depth--;
      }
    };
  }
}
