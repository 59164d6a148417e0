// The parts of quantum-circuit 0.9.250 the plugin uses (its @types package is wrong; quantum-circuit.md §3).
declare module 'quantum-circuit' {
  namespace QuantumCircuit {
    type ParamValue = number | string;
    interface GateOptions {
      params?: Record<string, ParamValue>;
      creg?: { name: string; bit: number };
      condition?: Record<string, unknown>;
    }
    interface GateCell {
      id: string;
      name: string;
      connector: number;
      options?: GateOptions;
    }
    interface GateDef {
      matrix: (number | string)[][];
      params: string[];
      description?: string;
      drawingInfo?: { connectors: string[]; label?: string };
      exportInfo?: Record<string, unknown>;
    }
    interface ImportError {
      line: number;
      col: number;
      msg: string;
    }
  }
  class QuantumCircuit {
    constructor(numQubits?: number);
    numQubits: number;
    gates: (QuantumCircuit.GateCell | null)[][];
    basicGates: Record<string, QuantumCircuit.GateDef>;
    init(numQubits?: number, options?: unknown): void;
    numCols(): number;
    addGate(name: string, column: number, wires: number | number[], options?: QuantumCircuit.GateOptions): string;
    addMeasure(wire: number, creg: string, bit: number): void;
    getGateDef(name: string): QuantumCircuit.GateDef | undefined;
    save(decompose?: boolean): unknown;
    load(saved: unknown): void;
    importQASM(source: string, onErrors?: (errors: QuantumCircuit.ImportError[]) => void, compatibilityMode?: boolean): void;
    exportToQASM(options?: { comment?: string }): string;
    exportSVG(embedded?: boolean): string;
    run(initialValues?: unknown, options?: unknown): void;
  }
  export = QuantumCircuit;
}
