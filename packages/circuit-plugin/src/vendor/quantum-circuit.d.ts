// The parts of quantum-circuit 0.9.250 the plugin uses. Its @types package types everything `any`,
// declares no properties and makes optional arguments required (quantum-circuit.md §3).
declare module 'quantum-circuit' {
  namespace QuantumCircuit {
    /** A parameter value: a number, or a mathjs expression string. */
    type ParamValue = number | string;

    interface GateOptions {
      params?: Record<string, ParamValue>;
      /** Where a measurement is stored. */
      creg?: { name: string; bit: number };
      /** Classical control; the QASM importer writes `{}` on every gate. */
      condition?: { creg?: string; value?: number };
    }

    /** One cell of the `[wire][column]` grid; a gate on n wires has n cells sharing `id`. */
    interface GateCell {
      /** Missing in "lightweight" saves. */
      id?: string;
      name: string;
      /** Position of this wire in the gate's wire list. */
      connector: number;
      options?: GateOptions;
    }

    interface GateDef {
      /** `[]` for gates without a matrix (measure, barrier, the cold-atom gates). */
      matrix: (number | string)[][];
      /** Parameter names, in order. */
      params: string[];
      description?: string;
      drawingInfo?: { connectors: string[]; label?: string; root?: string };
      exportInfo?: Record<string, unknown>;
    }

    interface ImportError {
      line: number;
      col: number;
      msg: string;
    }

    interface QasmExportOptions {
      comment?: string;
      decompose?: boolean;
      /** Keep symbolic parameters (otherwise they are replaced by their "global" values, 0 when unset). */
      compatibilityMode?: boolean;
    }

    /** The JSON `save()` writes and `load()` reads. */
    interface SavedCircuit {
      numQubits: number;
      gates: (GateCell | null)[][];
      [key: string]: unknown;
    }
  }

  class QuantumCircuit {
    constructor(numQubits?: number);
    numQubits: number;
    gates: (QuantumCircuit.GateCell | null)[][];
    /** Rebuilt by the constructor for each instance, before it calls `init`. */
    basicGates: Record<string, QuantumCircuit.GateDef>;
    init(numQubits?: number, options?: { keepCustomGates?: boolean }): void;
    numCols(): number;
    /** Places a gate in `column` (negative: append) and returns its id; checks nothing. */
    addGate(name: string, column: number, wires: number | number[], options?: QuantumCircuit.GateOptions): string;
    getGateDef(name: string): QuantumCircuit.GateDef | undefined;
    save(decompose?: boolean, lightweight?: boolean): QuantumCircuit.SavedCircuit;
    load(saved: unknown): void;
    importQASM(source: string, onErrors?: (errors: QuantumCircuit.ImportError[]) => void, compatibilityMode?: boolean): void;
    exportToQASM(options?: QuantumCircuit.QasmExportOptions): string;
    exportSVG(embedded?: boolean): string;
    /** Positional form of exportToQASM (the fifth argument is compatibilityMode). */
    exportQASM(comment?: string, decompose?: boolean, exportAsGateName?: string, circuitReplacement?: boolean, compatibilityMode?: boolean): string;
    /** Python source for Qiskit (qiskit-cold-atom for cold-atom circuits, with this plugin). */
    exportQiskit(): string;
    exportToQiskit(options?: Record<string, unknown>): string;
    /** Stores a sub-circuit as the custom gate `name` of this circuit. */
    registerGate(name: string, circuit: QuantumCircuit | QuantumCircuit.SavedCircuit): void;
    customGates: Record<string, QuantumCircuit.SavedCircuit>;
    run(initialValues?: unknown, options?: unknown): void;
    /** Per-wire probability of |1⟩ after run(). */
    probabilities(): number[];
  }

  export = QuantumCircuit;
}
