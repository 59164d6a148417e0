/**
 * The only module that touches quantum-circuit (quantum-circuit.md). The library is loaded on first
 * use, not at import: it costs about 0.8 s and 95 MB, and code that only validates payloads or
 * reads scan-spec schemas never needs it.
 *
 * Cold-atom gates are installed as first-class gates through ONE wrapper of
 * `QuantumCircuit.prototype.init`, so every instance — including the ones the library creates
 * internally for exports and imports — knows them and their parameters survive save/load and
 * OpenQASM round trips (quantum-circuit.md §2). The registry lives on the prototype under a global
 * symbol, so two copies of this plugin sharing one library install the hooks once and share gates.
 */
import { createRequire } from 'node:module';
import type QuantumCircuit from 'quantum-circuit';
import { CircuitError } from '../circuit-error.js';

/** A quantum-circuit circuit (never part of a public signature). */
export type Circuit = QuantumCircuit;
type ParamValue = QuantumCircuit.ParamValue;

const REGISTRY = Symbol.for('@coldatom/circuit-plugin/gates');

type HookedPrototype = QuantumCircuit & { [REGISTRY]?: Map<string, readonly string[]> };

interface Library {
  readonly QuantumCircuit: typeof QuantumCircuit;
  /** Gate name → parameter names, for every gate this plugin installed. */
  readonly registry: Map<string, readonly string[]>;
  /** Names the library defines itself. */
  readonly builtIn: ReadonlySet<string>;
}

let library: Library | undefined;

function definition(name: string, params: readonly string[]): QuantumCircuit.GateDef {
  return { description: `cold-atom instruction ${name}`, matrix: [], params: [...params], drawingInfo: { connectors: ['box'], label: name }, exportInfo: {} };
}

function installHooks(proto: HookedPrototype): Map<string, readonly string[]> {
  const existing = proto[REGISTRY];
  if (existing) return existing;
  const registry = new Map<string, readonly string[]>();
  const init = proto.init;
  proto.init = function (this: QuantumCircuit, ...args: Parameters<QuantumCircuit['init']>) {
    const result = init.apply(this, args);
    for (const [name, params] of registry) this.basicGates[name] ??= definition(name, params);
    return result;
  };
  const run = proto.run;
  proto.run = function (this: QuantumCircuit, ...args: Parameters<QuantumCircuit['run']>) {
    // The framework's simulator treats a gate without a matrix as a reset to |0…0⟩: refuse instead.
    const cold = this.gates.flat().find((cell) => cell && registry.has(cell.name));
    if (cold) throw new CircuitError(`run() cannot simulate the cold-atom gate "${cold.name}"; use @coldatom/simulator (backendFor('local:<name>')) instead`);
    return run.apply(this, args);
  };
  proto[REGISTRY] = registry;
  return registry;
}

/**
 * Runs `fn` with the one warning the framework's bundled antlr4 emits while it loads (a circular
 * import reading `INVALID_ALT_NUMBER`) silenced: it is harmless (antlr/antlr4#2834) and would otherwise reach every
 * user's stderr. Every other warning passes through.
 */
function withoutAntlrWarning<T>(fn: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes('INVALID_ALT_NUMBER')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return fn();
  } finally {
    process.emitWarning = emitWarning;
  }
}

function load(): Library {
  if (!library) {
    // quantum-circuit is CommonJS only; `require` keeps its loading lazy.
    const QC = withoutAntlrWarning(() => createRequire(import.meta.url)('quantum-circuit') as typeof QuantumCircuit);
    const registry = installHooks(QC.prototype);
    const builtIn = new Set(Object.keys(new QC(1).basicGates).filter((name) => !registry.has(name)));
    library = { QuantumCircuit: QC, registry, builtIn };
  }
  return library;
}

/**
 * Makes gates known to every circuit created from now on. Idempotent; never replaces a gate the
 * library already defines (`measure`, `barrier`, `rx`, …) or one installed before.
 */
export function installGates(gates: Iterable<readonly [name: string, params: readonly string[]]>): void {
  const { registry, builtIn } = load();
  for (const [name, params] of gates) {
    if (registry.has(name) || builtIn.has(name)) continue;
    registry.set(name, [...params]);
  }
}

/** Parameter names of a gate installed by this plugin, in definition order. */
export function installedParams(name: string): readonly string[] | undefined {
  return load().registry.get(name);
}

/** A new circuit on `wires` wires. */
export function newCircuit(wires: number): Circuit {
  return new (load().QuantumCircuit)(wires);
}

/** True for a quantum-circuit instance (of the copy this plugin loads). */
export function isCircuit(value: unknown): value is Circuit {
  return value instanceof load().QuantumCircuit;
}

/** A circuit from quantum-circuit's `save()` JSON. */
export function circuitFromSaved(saved: unknown): Circuit {
  const circuit = new (load().QuantumCircuit)();
  circuit.load(saved);
  return circuit;
}

/**
 * Places a gate alone in a new last column, so that the order gates are added in is the time order
 * (`appendGate` packs gates left and scans backwards: out of order and quadratic, quantum-circuit.md
 * §1.4 and §5).
 * A measure stores its outcome in bit `wire` of register `c`.
 */
export function placeGate(circuit: Circuit, name: string, wires: readonly number[], params: Readonly<Record<string, ParamValue>>): void {
  const options: QuantumCircuit.GateOptions = name === 'measure' ? { creg: { name: 'c', bit: wires[0] ?? 0 } } : { params: { ...params } };
  circuit.addGate(name, circuit.numCols(), [...wires], options);
  // A gate installed after this instance was created is missing from its own table (drawing uses it).
  const installed = load().registry.get(name);
  if (installed && !circuit.basicGates[name]) circuit.basicGates[name] = definition(name, installed);
}

/** One gate of the grid, as the walk finds it. */
export interface GridGate {
  readonly name: string;
  /** Wires in the order the gate was given them. */
  readonly wires: number[];
  /** Parameter names in definition order; undefined for a gate the library does not define. */
  readonly paramNames: readonly string[] | undefined;
  /** Values in that order (undefined where the gate holds none). */
  readonly params: (ParamValue | undefined)[];
  /** True when the gate runs only under a classical condition. */
  readonly conditioned: boolean;
}

/**
 * The gates in time order, walking the grid once: column by column, each gate once (at its
 * first cell), wires rebuilt from the cells' connectors.
 */
export function walk(circuit: Circuit): GridGate[] {
  const { registry } = load();
  const out: GridGate[] = [];
  const columns = circuit.numCols();
  const height = circuit.gates.length;
  const byId = new Map<string, number[]>();
  for (let col = 0; col < columns; col++) {
    byId.clear();
    for (let w = 0; w < height; w++) {
      const cell = circuit.gates[w]?.[col];
      if (!cell) continue;
      if (cell.id === undefined) throw new CircuitError('This circuit comes from a lightweight save (no gate ids): its multi-wire gates cannot be told apart');
      let wires = byId.get(cell.id);
      if (!wires) byId.set(cell.id, (wires = []));
      wires[cell.connector] = w;
    }
    for (let w = 0; w < height; w++) {
      const cell = circuit.gates[w]?.[col];
      if (!cell || cell.connector !== 0) continue;
      const wires = byId.get(cell.id!)!;
      const paramNames = registry.get(cell.name) ?? circuit.getGateDef(cell.name)?.params;
      const values = cell.options?.params ?? {};
      out.push({
        name: cell.name,
        wires,
        paramNames,
        params: (paramNames ?? []).map((p) => values[p]),
        conditioned: cell.options?.condition?.creg !== undefined,
      });
    }
  }
  return out;
}

/** Gives every gate named `name` the default of each parameter it lacks. */
export function fillMissingParams(circuit: Circuit, name: string, defaults: Readonly<Record<string, ParamValue>>): void {
  for (const row of circuit.gates) {
    for (const cell of row) {
      if (cell?.name !== name) continue;
      cell.options ??= {};
      const params = (cell.options.params ??= {});
      for (const [param, value] of Object.entries(defaults)) params[param] ??= value;
    }
  }
}

/**
 * Parses OpenQASM 2 text. Parser errors and lexer errors both fail: the lexer reports only on the
 * console (a parameter such as `J` is dropped with "token recognition error"), so its console
 * output is collected for the duration of the (synchronous) import.
 */
export function circuitFromQasm(text: string): Circuit {
  const circuit = new (load().QuantumCircuit)();
  const problems: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    const line = args.map(String).join(' ');
    if (/^line \d+:\d+ /.test(line)) problems.push(line);
    else consoleError(...args);
  };
  try {
    circuit.importQASM(text, (errors) => problems.push(...(errors ?? []).map((e) => `line ${e.line}:${e.col} ${e.msg}`)));
  } catch (cause) {
    throw new CircuitError(`OpenQASM could not be read: ${(cause as Error).message}`, { cause });
  } finally {
    console.error = consoleError;
  }
  if (problems.length > 0) {
    const hint = problems.some((p) => p.includes('token recognition error')) ? ' (the OpenQASM reader drops identifiers that start with an upper-case letter)' : '';
    throw new CircuitError(`OpenQASM could not be read${hint}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  // The reader sizes the circuit by the highest wire used, not by the `qreg` declarations.
  const declared = [...text.replace(/\/\/.*$/gm, '').matchAll(/\bqreg\s+[A-Za-z_]\w*\s*\[\s*(\d+)\s*\]/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  const columns = circuit.numCols();
  while (circuit.gates.length < declared) circuit.gates.push(Array.from({ length: columns }, () => null));
  circuit.numQubits = Math.max(circuit.numQubits, declared);
  return circuit;
}

/** OpenQASM 2 text; symbolic parameters are kept as written. */
export function circuitToQasm(circuit: Circuit): string {
  return circuit.exportToQASM({ compatibilityMode: true });
}

/** A standalone SVG drawing. */
export function circuitToSvg(circuit: Circuit): string {
  return circuit.exportSVG(false);
}

/** quantum-circuit's `save()` JSON. */
export function circuitToSaved(circuit: Circuit): unknown {
  return circuit.save();
}

/** Number of wires. */
export function circuitWidth(circuit: Circuit): number {
  return circuit.numQubits;
}
