// The public surface shared by Node and browsers. `index.ts` (Node) and `index.browser.ts` re-export
// all of it; Node adds the scan-spec file loader. One list, so the two entries cannot drift apart.

export { ColdAtomCircuit, coldAtomCircuit } from './circuit.js';
export type { CircuitOptions, NewCircuitOptions } from './circuit.js';
export type {
  AllWires,
  AnyCircuit,
  BackendCircuits,
  CircuitCore,
  FermionCircuit,
  GateMethods,
  MotCircuit,
  MultiQuditCircuit,
  Param,
  PlacedGate,
  RydbergCircuit,
  SingleQuditCircuit,
} from './circuit-types.js';
export { CircuitError } from './circuit-error.js';
export { fromQasm, fromQuantumCircuit, MAX_QASM_WIRES } from './circuit-import.js';
export type { QasmOptions } from './circuit-import.js';
export { installColdAtomGates, installConfigGates } from './gate-set.js';
export { compileExperiment, compileCircuits } from './compile.js';
export type { CompileOptions } from './compile.js';
export { sequentialToInterleaved, interleavedToSequential } from './wire-order.js';
export { linspace, axisValues, sweepPoints, DEFAULT_MAX_SCAN_POINTS } from './sweep.js';
export type { Axis, Sweep, SweepOptions } from './sweep.js';
export { scan } from './scan.js';
export type { CompiledScan, ScanOptions, ScanPoint } from './scan.js';
export { validateExperiments, checkPayload, CircuitValidationError } from './validate.js';
export type { CheckedPayload, ValidateOptions } from './validate.js';
export { ScanSpec, SweepAxis, CircuitSource } from './scan-spec.js';
export { parseScanSpec, compileScanSpec } from './scan-spec-compile.js';
export type { LoadedScanSpec } from './scan-spec-compile.js';
