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
import type QuantumCircuit from 'quantum-circuit';
import { quantumCircuitClass } from '#libraries';
import { CircuitError } from '../circuit-error.js';
import { guardExports, type ColdAtomContent } from './export-guard.js';
import { parseExpression } from './math.js';
import type { ExportGate } from './qiskit-cold-atom-export.js';

/** A quantum-circuit circuit (never part of a public signature). */
export type Circuit = QuantumCircuit;
type ParamValue = QuantumCircuit.ParamValue;

const REGISTRY = Symbol.for('@coldatom/circuit-plugin/gates');

/** What the plugin knows of each gate it installs. */
export interface GateSpec {
  /** Parameter names, in definition order. */
  readonly params: readonly string[];
  /** Fewest and most wires the gate takes on any backend. */
  readonly wires: { readonly min: number; readonly max: number };
}

type Registry = Map<string, GateSpec>;
type HookedPrototype = QuantumCircuit & { [REGISTRY]?: Registry };

interface Library {
  readonly QuantumCircuit: typeof QuantumCircuit;
  /** Gate name → spec, for every gate this plugin installed. */
  readonly registry: Registry;
  /** Names the library defines itself. */
  readonly builtIn: ReadonlySet<string>;
}

let library: Library | undefined;

function definition(name: string, spec: GateSpec): QuantumCircuit.GateDef {
  return {
    description: `cold-atom instruction ${name} (${spec.wires.min === spec.wires.max ? spec.wires.min : `${spec.wires.min}…${spec.wires.max}`} wires)`,
    matrix: [],
    params: [...spec.params],
    // One connector per wire the gate can take: the drawing reads connectors[position].
    drawingInfo: { connectors: Array.from({ length: spec.wires.max }, () => 'box'), label: name },
    exportInfo: {},
  };
}

/** True when the circuit holds its own (custom, registered or QASM-defined) gate of that name. */
function isUserGate(circuit: QuantumCircuit, name: string): boolean {
  const custom = (circuit as { customGates?: Record<string, unknown> }).customGates;
  return custom !== undefined && Object.hasOwn(custom, name);
}

/**
 * Puts our definition into one instance's gate table — as a getter that steps aside while the
 * circuit has a gate of its own of that name: the library looks in `basicGates` first, so a plain
 * entry would shadow the user's `registerGate('load', …)` or `gate load b { … }` everywhere (run,
 * exports, save). Not enumerable, so the library's loops over its own gate set (gallery, random
 * circuits, QASM name lookups) see exactly what they see without the plugin.
 */
function defineOn(circuit: QuantumCircuit, name: string, spec: GateSpec): void {
  if (Object.hasOwn(circuit.basicGates, name)) return;
  const def = definition(name, spec);
  Object.defineProperty(circuit.basicGates, name, { get: () => (isUserGate(circuit, name) ? undefined : def), enumerable: false, configurable: true });
}

function installHooks(proto: HookedPrototype): Registry {
  const existing = proto[REGISTRY];
  if (existing) return existing;
  const registry: Registry = new Map();
  const init = proto.init;
  proto.init = function (this: QuantumCircuit, ...args: Parameters<QuantumCircuit['init']>) {
    const result = init.apply(this, args);
    for (const [name, spec] of registry) defineOn(this, name, spec);
    return result;
  };
  const run = proto.run;
  proto.run = function (this: QuantumCircuit, ...args: Parameters<QuantumCircuit['run']>) {
    // The framework's simulator treats a gate without a matrix as a reset to |0…0⟩: refuse instead.
    const cold = this.gates.flat().find((cell) => cell && registry.has(cell.name) && !isUserGate(this, cell.name));
    if (cold) throw new CircuitError(`run() cannot simulate the cold-atom gate "${cold.name}"; use @coldatom/simulator (backendFor('local:<name>')) instead`);
    return run.apply(this, args);
  };
  installGlobalParamTracking(proto, registry);
  installOrderedImports(proto, registry);
  installOrderedQasmImport(proto, registry);
  guardExports(proto, (circuit) => coldAtomContent(circuit, registry));
  proto[REGISTRY] = registry;
  return registry;
}

const DEFAULTED = Symbol.for('@coldatom/circuit-plugin/defaulted-params');
type Tracked = QuantumCircuit & { [DEFAULTED]?: Set<string>; options?: { params?: Record<string, unknown> }; updateGlobalParams(): string[] };

/**
 * Remembers which global parameters the library itself set to 0 (`updateGlobalParams` gives every
 * symbol without a value 0, on every save and export): those are unbound, not chosen.
 */
function installGlobalParamTracking(proto: QuantumCircuit, registry: Registry): void {
  const tracked = proto as Tracked;
  const update = tracked.updateGlobalParams;
  tracked.updateGlobalParams = function (this: Tracked) {
    const before = new Set(Object.keys(this.options?.params ?? {}));
    const result = update.call(this);
    for (const name of Object.keys(this.options?.params ?? {})) {
      if (before.has(name)) continue;
      this[DEFAULTED] ??= new Set();
      this[DEFAULTED].add(name);
    }
    return result;
  };
  // A save keeps an unbound symbol unbound (the library would store its 0 as if chosen), so a
  // circuit loaded from it still refuses to export that 0. Only circuits with such symbols differ.
  const save = tracked.save;
  tracked.save = function (this: Tracked, ...args: Parameters<QuantumCircuit['save']>) {
    const saved = save.apply(this, args);
    const params = (saved.options as { params?: Record<string, unknown> } | undefined)?.params;
    if (!params || !this[DEFAULTED]?.size) return saved;
    const cold = coldAtomContent(this, registry);
    for (const { symbol } of cold?.unbound ?? []) if (params[symbol] === 0) delete params[symbol];
    return saved;
  };
}

/** A parameter value nobody gave: missing, or the 0 the library filled in. */
function isUnbound(circuit: Tracked, symbol: string): boolean {
  const value = circuit.options?.params?.[symbol];
  return value === undefined || (value === 0 && circuit[DEFAULTED]?.has(symbol) === true);
}

/** The cold-atom gates of a circuit and what an exporter needs of them; undefined when it has none. */
function coldAtomContent(circuit: QuantumCircuit, registry: Registry): ColdAtomContent | undefined {
  const isCold = (name: string): boolean => registry.has(name) && !isUserGate(circuit, name);
  if (!circuit.gates.some((row) => row.some((cell) => cell !== null && isCold(cell.name)))) return undefined;
  let grid: GridGate[];
  try {
    grid = walk(circuit);
  } catch {
    return undefined; // a lightweight save: nothing can be said of its gates
  }
  const cregs = (circuit as { cregs?: Record<string, unknown[]> }).cregs ?? {};
  const offsets = new Map<string, number>();
  let bits = 0;
  for (const [name, register] of Object.entries(cregs)) {
    offsets.set(name, bits);
    bits += register.length;
  }
  const allGates: (ExportGate & { cold: boolean })[] = grid.map((gate) => {
    const creg = gate.name === 'measure' ? gate.creg : undefined;
    return {
      name: gate.name,
      wires: gate.wires,
      params: gate.params,
      cold: isCold(gate.name),
      ...(creg ? { bit: (offsets.get(creg.name) ?? 0) + creg.bit } : {}),
    };
  });
  const symbols = new Set<string>();
  const unbound: { symbol: string; gate: ExportGate; index: number }[] = [];
  allGates.forEach((gate, index) => {
    if (!gate.cold) return;
    for (const value of gate.params) {
      if (typeof value !== 'string') continue;
      let free: readonly string[];
      try {
        free = parseExpression(value).symbols;
      } catch {
        continue; // not an expression: the exporter writes it as it is
      }
      for (const symbol of free) {
        symbols.add(symbol);
        if (isUnbound(circuit as Tracked, symbol) && !unbound.some((u) => u.symbol === symbol)) unbound.push({ symbol, gate, index });
      }
    }
  });
  return { coldGates: allGates.filter((g) => g.cold), allGates, unbound, symbols: [...symbols], width: circuit.numQubits, bits };
}

/** One gate to place, as an importer read it. */
interface PlacedRead {
  readonly name: string;
  readonly wires: readonly number[];
  readonly options: QuantumCircuit.GateOptions | undefined;
}

/** Lays gates out one per column in the order given, each with its own copy of its options. */
function layOut(circuit: QuantumCircuit, gates: readonly PlacedRead[], addGate: QuantumCircuit['addGate']): void {
  (circuit as QuantumCircuit & { clearGates(): void }).clearGates();
  for (const gate of gates)
    addGate.call(
      circuit,
      gate.name,
      circuit.numCols(),
      [...gate.wires],
      gate.options && (JSON.parse(JSON.stringify(gate.options)) as QuantumCircuit.GateOptions),
    );
}

interface RawGate {
  name?: unknown;
  wires?: unknown;
  options?: { params?: Record<string, unknown> } & Record<string, unknown>;
}
interface QobjInstruction {
  name?: unknown;
  qubits?: number[];
}
type Importing = QuantumCircuit & {
  importRaw(data: unknown, onErrors?: (errors: { msg: string; line: number; col: number }[]) => void): void;
  importQobj(qobj: unknown, onErrors?: (errors: { msg: string }[]) => void): void;
  createCreg(name: string, length: number): void;
};

/**
 * `importRaw` and `importQobj` for programs with cold-atom gates. The library's `importRaw` takes a
 * gate without a matrix for a one-wire gate (so `rlzlz` on two wires fails) and both importers pack
 * gates left (Qobj also drops barriers): with cold-atom gates, wires are checked against the gate's
 * width and gates keep the program's order. Programs without them go to the library untouched.
 */
function installOrderedImports(proto: QuantumCircuit, registry: Registry): void {
  const importing = proto as Importing;
  const { importRaw, importQobj, addGate } = importing;
  importing.importRaw = function (this: Importing, data, onErrors) {
    const program = (data as { program?: RawGate[] } | undefined)?.program;
    if (!Array.isArray(program) || !program.some((g) => registry.has(String(g?.name)))) return importRaw.call(this, data, onErrors);
    const fail = (msg: string): void => {
      if (onErrors) onErrors([{ msg, line: 0, col: 0 }]);
      else throw new CircuitError(`importRaw: ${msg}`);
    };
    const { qubits, cregs } = data as { qubits?: number; cregs?: { name?: string; len?: number }[] };
    this.init(qubits ?? 0);
    for (const [i, creg] of (cregs ?? []).entries()) {
      if (!creg.name) return fail(`classical register ${i} has no name`);
      this.createCreg(creg.name, creg.len ?? 0);
    }
    const read: PlacedRead[] = [];
    for (const [i, gate] of program.entries()) {
      const name = String(gate.name);
      const def = this.basicGates[name];
      if (!def) return fail(`gate ${i}: unknown gate "${name}"`);
      const wires = Array.isArray(gate.wires) ? (gate.wires as number[]) : [];
      const spec = registry.get(name);
      // A barrier spans any wires; other library gates as wide as their matrix (1 without one).
      const own = def.matrix.length > 0 ? Math.log2(def.matrix.length) : 1;
      const [min, max]: readonly [number, number] = spec ? [spec.wires.min, spec.wires.max] : name === 'barrier' ? [1, this.numQubits] : [own, own];
      if (wires.length < min || wires.length > max) return fail(`gate ${i}: ${name} takes ${min === max ? min : `${min}…${max}`} wires, got ${wires.length}`);
      const missing = def.params.filter((p) => gate.options?.params?.[p] === undefined);
      if (missing.length > 0) return fail(`gate ${i}: ${name} has no value for ${missing.join(', ')}`);
      read.push({ name, wires, options: gate.options as QuantumCircuit.GateOptions | undefined });
    }
    layOut(this, read, addGate);
    onErrors?.([]);
  };
  importing.importQobj = function (this: Importing, qobj, onErrors) {
    const instructions = (qobj as { experiments?: { instructions?: QobjInstruction[] }[] } | undefined)?.experiments?.[0]?.instructions;
    if (!Array.isArray(instructions) || !instructions.some((inst) => registry.has(String(inst?.name)))) return importQobj.call(this, qobj, onErrors);
    const added: PlacedRead[] = [];
    Object.assign(this, {
      addGate(this: Importing, name: string, column: number, wires: number | number[], options?: QuantumCircuit.GateOptions) {
        added.push({ name, wires: Array.isArray(wires) ? [...wires] : [wires], options });
        return addGate.call(this, name, column, wires, options);
      },
    });
    let failed = false;
    try {
      importQobj.call(this, qobj, (errors) => {
        failed ||= errors.length > 0;
        onErrors?.(errors);
      });
    } finally {
      delete (this as Partial<Importing>).addGate;
    }
    if (failed) return;
    // Walk the program again: the library added one gate per instruction, one measure per qubit,
    // and nothing for a barrier or a classical function.
    const read: PlacedRead[] = [];
    let next = 0;
    for (const inst of instructions) {
      if (inst.name === 'barrier') read.push({ name: 'barrier', wires: inst.qubits ?? [], options: {} });
      else if (inst.name === 'bfunc') continue;
      else {
        for (let k = 0; k < (inst.name === 'measure' ? (inst.qubits?.length ?? 0) : 1); k++) {
          const gate = added[next++];
          if (!gate) {
            throw new CircuitError(
              `importQobj added ${added.length} gates for ${instructions.length} instructions, fewer than this wrapper expects of quantum-circuit (one per instruction, one measure per qubit)`,
            );
          }
          read.push(gate);
        }
      }
    }
    layOut(this, read, addGate);
  };
}

function load(): Library {
  if (!library) {
    const QC = quantumCircuitClass();
    const registry = installHooks(QC.prototype);
    const builtIn = new Set(Object.keys(new QC(1).basicGates));
    library = { QuantumCircuit: QC, registry, builtIn };
  }
  return library;
}

/**
 * Makes gates known to every circuit created from now on. Idempotent; never replaces a gate the
 * library already defines (`measure`, `barrier`, `rx`, …) or one installed before.
 */
export function installGates(gates: Iterable<readonly [name: string, spec: GateSpec]>): void {
  const { registry, builtIn } = load();
  for (const [name, spec] of gates) {
    if (registry.has(name) || builtIn.has(name)) continue;
    registry.set(name, { params: [...spec.params], wires: { ...spec.wires } });
  }
}

/** Parameter names of a gate installed by this plugin, in definition order. */
export function installedParams(name: string): readonly string[] | undefined {
  return load().registry.get(name)?.params;
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
  if (installed) defineOn(circuit, name, installed);
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
  /** True for a gate the circuit defines itself (custom gate, `registerGate`, QASM `gate`). */
  readonly userGate: boolean;
  /** Parameter keys the cell holds that its definition does not name (`{ n: 50 }` on `load`). */
  readonly strayParams: readonly string[];
  /** Where a measure stores its outcome. */
  readonly creg?: { readonly name: string; readonly bit: number };
}

/**
 * The gates in time order, walking the grid once: column by column, each gate once (at its
 * first cell), wires rebuilt from the cells' connectors.
 */
export function walk(circuit: Circuit): GridGate[] {
  const out: GridGate[] = [];
  const columns = circuit.numCols();
  const height = circuit.gates.length;
  const byId = new Map<string, number[]>();
  for (let col = 0; col < columns; col++) {
    byId.clear();
    // Each gate of the column at its first cell (connector 0), with the wires it spans (filled in
    // as the column's cells are read).
    const heads: { readonly cell: QuantumCircuit.GateCell; readonly wires: number[] }[] = [];
    for (let w = 0; w < height; w++) {
      const cell = circuit.gates[w]?.[col];
      if (!cell) continue;
      if (cell.id === undefined) throw new CircuitError('This circuit comes from a lightweight save (no gate ids): its multi-wire gates cannot be told apart');
      let wires = byId.get(cell.id);
      if (!wires) {
        wires = [];
        byId.set(cell.id, wires);
      }
      wires[cell.connector] = w;
      if (cell.connector === 0) heads.push({ cell, wires });
    }
    for (const { cell, wires } of heads) {
      // getGateDef prefers the circuit's own gate of a name over ours (see defineOn).
      const paramNames = circuit.getGateDef(cell.name)?.params;
      const values = cell.options?.params ?? {};
      out.push({
        name: cell.name,
        wires,
        paramNames,
        params: (paramNames ?? []).map((p) => values[p]),
        conditioned: cell.options?.condition?.creg !== undefined,
        userGate: isUserGate(circuit, cell.name),
        strayParams: paramNames ? Object.keys(values).filter((key) => !paramNames.includes(key)) : [],
        ...(cell.options?.creg ? { creg: cell.options.creg } : {}),
      });
    }
  }
  return out;
}

/** Gives every gate named `name` the default of each parameter it lacks. */
export function fillMissingParams(circuit: Circuit, name: string, defaults: Readonly<Record<string, ParamValue>>): void {
  // The circuit's own gate of that name is not ours: its parameters are its own.
  if (isUserGate(circuit, name)) return;
  for (const row of circuit.gates) {
    for (const cell of row) {
      if (cell?.name !== name) continue;
      cell.options ??= {};
      cell.options.params ??= {};
      const params = cell.options.params;
      for (const [param, value] of Object.entries(defaults)) params[param] ??= value;
    }
  }
}

/** One gate as the OpenQASM reader adds it. */
interface ReadGate extends PlacedRead {
  readonly wires: number[];
  /** The column the reader asked for (≥ 0 only for the per-wire cells of `barrier q;`). */
  readonly column: number;
}

type Reading = QuantumCircuit & { lastNonEmptyPlace(wires: number[], usingCregs: boolean): number };

/**
 * `importQASM` for programs with cold-atom gates: the library's reader runs with its `addGate`
 * calls recorded, then the gates are laid out again one per column in the order they were
 * written. The reader packs them left (so `load(3) b[0]; rlx a[1];` would walk as rlx first) and
 * splits `barrier q;` into one barrier per wire, which are joined back into one barrier over the
 * wires written. Programs without cold-atom gates keep the library's layout.
 */
function installOrderedQasmImport(proto: QuantumCircuit, registry: Registry): void {
  const { importQASM, addGate } = proto;
  proto.importQASM = function (this: QuantumCircuit, ...args: Parameters<QuantumCircuit['importQASM']>) {
    const read: ReadGate[] = [];
    const { lastNonEmptyPlace } = this as Reading;
    // The reader asks for the last occupied column once per `barrier <register>` statement, before
    // adding its cells: that call separates two statements that land in the same column.
    let statementStart = true;
    Object.assign(this, {
      lastNonEmptyPlace(this: Reading, wires: number[], usingCregs: boolean) {
        statementStart = true;
        return lastNonEmptyPlace.call(this, wires, usingCregs);
      },
      addGate(this: QuantumCircuit, name: string, column: number, wires: number | number[], options?: QuantumCircuit.GateOptions) {
        const list = Array.isArray(wires) ? [...wires] : [wires];
        const previous = read.at(-1);
        if (name === 'barrier' && column >= 0 && !statementStart && previous?.name === 'barrier' && previous.column === column) previous.wires.push(...list);
        else read.push({ name, wires: list, options, column });
        statementStart = false;
        return addGate.call(this, name, column, wires, options);
      },
    });
    try {
      importQASM.apply(this, args);
    } finally {
      delete (this as Partial<QuantumCircuit>).addGate;
      delete (this as Partial<Reading>).lastNonEmptyPlace;
    }
    // The reader shares one options object between the gates of `h q;`: layOut copies them.
    if (read.some((gate) => registry.has(gate.name) && !isUserGate(this, gate.name))) layOut(this, read, addGate);
  };
}

const QASM_COMMENT = /\/\/.*$/gm;

/**
 * What OpenQASM text asks of the wire count, read without parsing: the total width its `qreg`s
 * declare and the highest index it writes (`q[9999]`). The reader's cost grows faster than the
 * square of the width (`qreg q[2000]` takes ~40 s), so width is bounded before it runs.
 */
export function qasmWires(text: string): { readonly declared: number; readonly highestIndex: number } {
  const code = text.replace(QASM_COMMENT, '');
  const declared = [...code.matchAll(/\bqreg\s+[A-Za-z_]\w*\s*\[\s*(\d+)\s*\]/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  // Indices outside the declarations: `q[5000]` in a gate or measure.
  const uses = code.replace(/\b[qc]reg\s+[A-Za-z_]\w*\s*\[\s*\d+\s*\]/g, '');
  const highestIndex = [...uses.matchAll(/\b[A-Za-z_]\w*\s*\[\s*(\d+)\s*\]/g)].reduce((max, m) => Math.max(max, Number(m[1])), -1);
  return { declared, highestIndex };
}

/**
 * Parses OpenQASM 2 text (cold-atom gates in written order, see installOrderedQasmImport). Parser errors and lexer errors both fail: the
 * lexer reports only on the console (a parameter such as `J` is dropped with "token recognition
 * error"), so its console output is collected for the duration of the (synchronous) import.
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
    const hint = problems.some((p) => p.includes('token recognition error'))
      ? ' (the OpenQASM reader drops identifiers that start with an upper-case letter)'
      : '';
    throw new CircuitError(`OpenQASM could not be read${hint}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  // The reader sizes the circuit by the highest wire used, not by the `qreg` declarations.
  const { declared } = qasmWires(text);
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
