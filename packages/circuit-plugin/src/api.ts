// The public surface shared by Node and browsers. `index.ts` (Node) and `index.browser.ts` re-export
// all of it; Node adds the scan-spec file loader. One list, so the two entries cannot drift apart.

// ── Authoring: circuits of a backend's native gates ─────────────────────────────────────────────────
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

// ── From other forms: OpenQASM and plain quantum-circuit circuits ───────────────────────────────────
export { fromQasm, fromQuantumCircuit, MAX_QASM_WIRES } from './circuit-import.js';
export type { QasmOptions } from './circuit-import.js';
export { installColdAtomGates, installConfigGates } from './gate-set.js';

// ── Compiling to the protocol's experiments ─────────────────────────────────────────────────────────
export { compileExperiment, compileCircuits } from './compile.js';
export type { CompileOptions } from './compile.js';
export { sequentialToInterleaved, interleavedToSequential } from './wire-order.js';

// ── Parameter scans ─────────────────────────────────────────────────────────────────────────────────
export { linspace, axisValues, sweepPoints, DEFAULT_MAX_SCAN_POINTS } from './sweep.js';
export type { Axis, Sweep, SweepOptions } from './sweep.js';
export { scan } from './scan.js';
export type { CompiledScan, ScanOptions, ScanPoint } from './scan.js';

// ── Validation against the backend's configuration ──────────────────────────────────────────────────
export { validateExperiments, checkPayload, CircuitValidationError } from './validate.js';
export type { CheckedPayload, ValidateOptions } from './validate.js';

// ── Scan specs (the `coldatom run` file format) ─────────────────────────────────────────────────────
export { ScanSpec, SweepAxis, CircuitSource } from './scan-spec.js';
export { parseScanSpec, compileScanSpec } from './scan-spec-compile.js';
export type { LoadedScanSpec } from './scan-spec-compile.js';

// ── Errors ──────────────────────────────────────────────────────────────────────────────────────────
export { CircuitError } from './circuit-error.js';
