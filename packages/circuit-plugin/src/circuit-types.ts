import type { BackendConfiguration } from '@coldatom/backend-config';
import type { WireOrder } from '@coldatom/core';

/** A gate parameter: a number, or an expression over scan variables (`'theta'`, `'theta/2'`, `'2*pi*f'`). */
export type Param = number | string;

/** Wires of a gate that acts on all of them: a list, or `'all'` for every wire of the circuit. */
export type AllWires = readonly number[] | 'all';

/** One gate of a circuit, in time order. */
export interface PlacedGate {
  readonly name: string;
  /** Wires in the order the gate was given them. */
  readonly wires: readonly number[];
  /** Parameter names in the gate definition's order (empty for a gate quantum-circuit does not define). */
  readonly paramNames: readonly string[];
  /** Values in that order; `undefined` where the circuit holds none (hand-built or imported circuits). */
  readonly params: readonly (Param | undefined)[];
  /** False for a gate quantum-circuit does not define (an unknown name in OpenQASM text). */
  readonly known: boolean;
  /** True when the gate runs under a classical condition, which the protocol cannot express. */
  readonly conditioned: boolean;
  /** True for a gate the circuit defines itself (custom gate, `registerGate`, QASM `gate`): never a cold-atom instruction. */
  readonly userGate: boolean;
  /** Parameter keys the gate holds that its definition does not name (a typo such as `{ n: 50 }` for `load`'s `N`). */
  readonly strayParams: readonly string[];
}

/** What every circuit offers, whatever its backend. Gate methods return `Self` so calls chain. */
export interface CircuitCore<Self> {
  /** The backend's name, when the circuit was written for one. */
  readonly backend: string | undefined;
  /** The backend's configuration (the catalog's for a reference backend), when known. */
  readonly config: BackendConfiguration | undefined;
  /** The wire convention the circuit is written in; `undefined` = the backend's own. */
  readonly wireOrder: WireOrder | undefined;
  /** Number of wires; the compiled `num_wires`. */
  readonly width: number;
  /** Adds any installed instruction, parameters in the gate definition's order. */
  gate(name: string, wires: number | readonly number[], ...params: Param[]): Self;
  /** Measures one wire. */
  measure(wire: number): Self;
  /** A barrier on every wire, then a measure of each wire in order (qiskit's `measure_all`). */
  measureAll(): Self;
  /** A no-op separator. @default every wire */
  barrier(wires?: readonly number[]): Self;
  /** The gates in time order (the order they were added in, for circuits built with this API). */
  gates(): PlacedGate[];
  /** The same gates (shared, not copied), stated in another wire convention. */
  withWireOrder(order: WireOrder): Self;
  /** OpenQASM 2 text; the cold-atom gates keep their parameters, symbols stay symbols. */
  toQasm(): string;
  /** A standalone SVG drawing, each gate labelled with its name. */
  toSvg(): string;
  /** quantum-circuit's `save()` JSON (what `JSON.stringify(circuit)` writes; `fromQuantumCircuit` reads it). */
  toJSON(): unknown;
}

/** Any cold-atom circuit, whatever its backend: what the compiler reads. */
export interface AnyCircuit extends CircuitCore<AnyCircuit> {}

/** Every cold-atom gate method; each backend's circuit type picks its own. */
export interface GateMethods<Self> {
  /** Loads `atoms` atoms into a wire. @default 1 */
  load(wire: number, atoms?: Param): Self;
  /** exp(−i ω Lx) on one wire. */
  rlx(wire: number, omega: Param): Self;
  /** exp(−i δ Lz) on one wire. */
  rlz(wire: number, delta: Param): Self;
  /** exp(−i χ Lz²) on one wire (one-axis twisting). */
  rlz2(wire: number, chi: Param): Self;
  /** exp(−i (ω Lx + δ Lz + χ Lz²)) on the qudit. */
  sqFull(wire: number, omega: Param, delta: Param, chi: Param): Self;
  /** Flip-flop exchange exp(−i J (L₊ᵢL₋ⱼ + h.c.)) between neighbours (or a chain on every wire). */
  rlxly(wires: readonly number[], j: Param): Self;
  /** exp(−i J Lzᵢ Lzⱼ) between neighbours. */
  rlzlz(wires: readonly number[], j: Param): Self;
  /** The full multi-qudit Hamiltonian; acts on every wire. */
  multiquditFull(wires: AllWires, omega: Param, delta: Param, chi: Param, jxy: Param, jzz: Param): Self;
  /** Hopping of both spin states between two tweezers, wires `[a, b, c, d]` (a→c, b→d). */
  fhop(wires: readonly [number, number, number, number], theta: Param): Self;
  /** On-site interaction exp(−i U Σ n↑n↓) over all tweezers. */
  fint(wires: AllWires, u: Param): Self;
  /** Phase exp(−i μ (n_a + n_b)) on one tweezer's two modes. */
  fphase(wires: readonly [number, number], mu: Param): Self;
  /** Rydberg blockade exp(−i φ Σ nᵢnⱼ/|i−j|⁶) over all atoms. */
  rydbergBlock(wires: AllWires, phi: Param): Self;
  /** The full Rydberg Hamiltonian over all atoms. */
  rydbergFull(wires: AllWires, omega: Param, delta: Param, phi: Param): Self;
}

/** A circuit for `singlequdit`: one collective spin. */
export interface SingleQuditCircuit
  extends CircuitCore<SingleQuditCircuit>,
    Pick<GateMethods<SingleQuditCircuit>, 'load' | 'rlx' | 'rlz' | 'rlz2' | 'sqFull'> {}

/** A circuit for `multiqudit`: up to 5 collective spins in a chain. */
export interface MultiQuditCircuit
  extends CircuitCore<MultiQuditCircuit>,
    Pick<GateMethods<MultiQuditCircuit>, 'load' | 'rlx' | 'rlz' | 'rlz2' | 'rlxly' | 'rlzlz' | 'multiquditFull'> {}

/** A circuit for `fermions`: 8 modes, 4 tweezers × 2 spin states. */
export interface FermionCircuit extends CircuitCore<FermionCircuit>, Pick<GateMethods<FermionCircuit>, 'fhop' | 'fint' | 'fphase'> {
  /** Puts one fermion into a mode. */
  load(wire: number): FermionCircuit;
}

/** A circuit for `rydberg`: a chain of up to 5 Rydberg qubits. */
export interface RydbergCircuit extends CircuitCore<RydbergCircuit>, Pick<GateMethods<RydbergCircuit>, 'rlx' | 'rlz' | 'rydbergBlock' | 'rydbergFull'> {}

/** A circuit for `mot`: load and image a trap. */
export interface MotCircuit extends CircuitCore<MotCircuit>, Pick<GateMethods<MotCircuit>, 'load'> {}

/** The circuit type of each reference backend. */
export interface BackendCircuits {
  readonly singlequdit: SingleQuditCircuit;
  readonly multiqudit: MultiQuditCircuit;
  readonly fermions: FermionCircuit;
  readonly rydberg: RydbergCircuit;
  readonly mot: MotCircuit;
}
