/**
 * The shape of the reference backend catalog: what a served config says, plus the rules a
 * reference server enforces that a config does not carry (protocol.md §6). The circuit plugin
 * validates with it, the simulator executes with it.
 */

/** Names of the reference backends of protocol.md §6. */
export type ReferenceBackendName = 'singlequdit' | 'multiqudit' | 'fermions' | 'rydberg' | 'mot';

/** Allowed range of one instruction parameter (inclusive bounds). */
export interface ParameterRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Integer-valued (an integer-valued float such as `20.0` passes, `20.5` does not). */
  readonly integer: boolean;
}

/** Rules for one instruction on one backend, as the reference server enforces them. */
export interface InstructionRule {
  readonly name: string;
  /** One line: the operator it applies, e.g. `exp(−i ω Lx)`. */
  readonly operator: string;
  /** The pydantic model the server validates it with (appears in server messages), e.g. `RlxInstruction`. */
  readonly serverModel: string;
  /** Inclusive bounds on the length of the wire list. */
  readonly wireCount: { readonly min: number; readonly max: number };
  /** Largest wire index accepted by the server (wires are also ≥ 0). */
  readonly maxWire: number;
  /** When set, the wire list must equal one of these lists exactly (order-sensitive). */
  readonly couplingMap?: readonly (readonly number[])[];
  /** Parameters in the gate definition's order; their count is the arity. */
  readonly params: readonly ParameterRule[];
  /**
   * Fewest parameters the server's validation lets through, when fewer than `params.length`
   * (fermion gates accept an empty list, then crash the spooler: we reject that client-side).
   */
  readonly minParamsAccepted?: number;
  /** True for gates listed in the served config's `gates` (false for load/measure/barrier). */
  readonly isGate: boolean;
}

/** Rules on a whole experiment (the server's `*Experiment` model, protocol.md §2.1, §6). */
export interface ExperimentRule {
  /** The pydantic model the server validates experiments with, e.g. `SingleQuditExperiment`. */
  readonly serverModel: string;
  readonly numWires: { readonly min: number; readonly max: number };
  /** Wire orders the backend accepts (fermions: only `interleaved`). */
  readonly wireOrders: readonly ('sequential' | 'interleaved')[];
  readonly maxShots: number;
  readonly maxExperiments: number;
  /** Largest Hilbert-space dimension (multiqudit only, protocol.md §6.2). */
  readonly maxHilbertDimension?: number;
}

/** A reference backend: its served configuration plus the rules the server enforces. */
export interface ReferenceBackend {
  readonly name: ReferenceBackendName;
  /** A one-line description of the physical system. */
  readonly summary: string;
  readonly experiment: ExperimentRule;
  readonly instructions: Readonly<Record<string, InstructionRule>>;
}
