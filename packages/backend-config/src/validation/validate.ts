import type { InstructionRule } from '../catalog-types.js';
import type { BackendRules } from './backend-rules.js';
import { MAX_JSON_DEPTH, nestsDeeperThan, pathDeeperThan } from './json-depth.js';
import type { ValidationProblem } from './problem.js';
import { lengthMessage, pydanticText, type PydanticError } from './pydantic-text.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numbersOf = (list: unknown): number[] => (Array.isArray(list) ? list.filter(isNumber) : []);

/** Readable bound: 6.283185307179586 → `2π`, so messages say what people think in. */
function bound(value: number): string {
  for (const [factor, label] of [
    [2, '2π'],
    [20, '20π'],
    [5e6, '5e6·π'],
  ] as const) {
    if (value === factor * Math.PI) return label;
  }
  return String(value);
}

/** Options of {@link validatePayload}. */
export interface ValidatePayloadOptions {
  /** Report the silent no-ops of protocol.md §8.17 as warnings. @default true */
  readonly warnings?: boolean;
}

/**
 * Checks a payload (any JSON) against a backend's rules and returns EVERY problem, in the order
 * the reference server checks (experiment name → experiment model → each instruction → Hilbert
 * dimension), followed by run-time failures, spooler crashes and no-op warnings.
 *
 * Every experiment is checked whatever its key: an index above `max_experiments` is reported
 * (`experiment-index`) and its content is checked all the same, so a client that splits a big
 * scan into jobs can drop that one problem and still see every other. An experiment nested more
 * than {@link MAX_JSON_DEPTH} levels deep is reported (`nesting-depth`) and not looked into.
 */
export function validatePayload(rules: BackendRules, payload: unknown, options: ValidatePayloadOptions = {}): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (!isObject(payload)) {
    problems.push({
      severity: 'error',
      stage: 'server',
      rule: 'payload-shape',
      experiment: '',
      message: 'The job payload must be an object of experiments keyed experiment_<k>.',
    });
    return problems;
  }
  const entries = Object.entries(payload);
  if (entries.length === 0) {
    problems.push({
      severity: 'error',
      stage: 'server',
      rule: 'no-experiments',
      experiment: '',
      message: 'The job payload holds no experiment.',
      serverMessage: 'No instructions received.',
    });
  }
  const warnings = options.warnings ?? true;
  for (const [name, experiment] of entries) validateExperiment(rules, name, experiment, warnings, problems);
  return problems;
}

function experimentNameProblem(rules: BackendRules, name: string): ValidationProblem | undefined {
  const fail = (rule: string, message: string, serverMessage: string, allowed: string): ValidationProblem => ({
    severity: 'error',
    stage: 'server',
    rule,
    experiment: name,
    message: `${message}; allowed: ${allowed}.`,
    allowed,
    serverMessage,
  });
  const max = rules.experiment.maxExperiments;
  if (!name.startsWith('experiment_'))
    return fail(
      'experiment-name',
      `Experiment key "${name}" does not start with experiment_`,
      'Experiment name must start with experiment_',
      'experiment_<number>',
    );
  const suffix = name.slice('experiment_'.length);
  if (!/^\d+$/.test(suffix))
    return fail('experiment-name', `Experiment key "${name}" does not end with a number`, 'Experiment name must end with a number', 'experiment_<number>');
  if (Number(suffix) > max)
    return fail(
      'experiment-index',
      `Experiment index ${suffix} of "${name}" is above the backend's max_experiments`,
      `Experiment number too high. Must be less than ${max}`,
      `indices 0…${max}`,
    );
  return undefined;
}

/** pydantic's integer check in lax mode: integer-valued floats pass, fractions and non-numbers fail. */
function intError(loc: (string | number)[], value: unknown): PydanticError | undefined {
  if (!isNumber(value)) return { loc, msg: 'Input should be a valid integer', type: 'int_type', input: value };
  if (!Number.isInteger(value))
    return { loc, msg: 'Input should be a valid integer, got a number with a fractional part', type: 'int_from_float', input: value };
  return undefined;
}

function experimentModelErrors(rules: BackendRules, experiment: Json): PydanticError[] {
  const errors: PydanticError[] = [];
  const { numWires, maxShots, wireOrders } = rules.experiment;
  const instructions = experiment.instructions;
  if (instructions === undefined) errors.push({ loc: ['instructions'], msg: 'Field required', type: 'missing', input: experiment });
  else if (!Array.isArray(instructions)) errors.push({ loc: ['instructions'], msg: 'Input should be a valid list', type: 'list_type', input: instructions });
  else
    instructions.forEach((inst, i) => {
      if (!Array.isArray(inst)) errors.push({ loc: ['instructions', i], msg: 'Input should be a valid list', type: 'list_type', input: inst });
    });

  const nw = experiment.num_wires;
  if (nw === undefined) errors.push({ loc: ['num_wires'], msg: 'Field required', type: 'missing', input: experiment });
  else if (numWires.min === numWires.max) {
    if (nw !== numWires.min) errors.push({ loc: ['num_wires'], msg: `Input should be ${numWires.min}`, type: 'literal_error', input: nw });
  } else {
    const e = intError(['num_wires'], nw);
    if (e) errors.push(e);
    else if ((nw as number) < numWires.min)
      errors.push({ loc: ['num_wires'], msg: `Input should be greater than or equal to ${numWires.min}`, type: 'greater_than_equal', input: nw });
    else if ((nw as number) > numWires.max)
      errors.push({ loc: ['num_wires'], msg: `Input should be less than or equal to ${numWires.max}`, type: 'less_than_equal', input: nw });
  }

  const shots = experiment.shots;
  if (shots === undefined) errors.push({ loc: ['shots'], msg: 'Field required', type: 'missing', input: experiment });
  else {
    const e = intError(['shots'], shots);
    if (e) errors.push(e);
    else if ((shots as number) <= 0) errors.push({ loc: ['shots'], msg: 'Input should be greater than 0', type: 'greater_than', input: shots });
    else if ((shots as number) > maxShots)
      errors.push({ loc: ['shots'], msg: `Input should be less than or equal to ${maxShots}`, type: 'less_than_equal', input: shots });
  }

  const order = experiment.wire_order;
  if (order === undefined) {
    // Only the fermions model lacks a default; elsewhere a missing key crashes the spooler instead.
    if (wireOrders.length === 1) errors.push({ loc: ['wire_order'], msg: 'Field required', type: 'missing', input: experiment });
  } else if (!wireOrders.includes(order as 'sequential')) {
    errors.push({ loc: ['wire_order'], msg: `Input should be ${wireOrders.map((o) => `'${o}'`).join(' or ')}`, type: 'literal_error', input: order });
  }

  if (experiment.seed !== undefined && experiment.seed !== null) {
    const e = intError(['seed'], experiment.seed);
    if (e) errors.push(e);
  }
  return errors;
}

/** Whether `wires` is one of the coupling map's wire lists, in the same order. */
function inCouplingMap(couplingMap: readonly (readonly number[])[], wires: readonly unknown[]): boolean {
  for (const allowed of couplingMap) {
    if (allowed.length !== wires.length) continue;
    let k = 0;
    while (k < wires.length && allowed[k] === wires[k]) k++;
    if (k === wires.length) return true;
  }
  return false;
}

/**
 * The pydantic errors of an instruction's wires and parameters, or `undefined` when there are none:
 * this runs on every instruction of a scan, and a well-formed one allocates nothing here.
 */
function instructionErrors(rule: InstructionRule, wires: unknown, params: unknown): PydanticError[] | undefined {
  const wireProblems = wireErrors(rule, wires);
  const paramProblems = paramErrors(rule, params);
  if (!wireProblems) return paramProblems;
  return paramProblems ? wireProblems.concat(paramProblems) : wireProblems;
}

/** `errors` with `error` added, made on the first one: an instruction without errors allocates nothing. */
function withError(errors: PydanticError[] | undefined, error: PydanticError): PydanticError[] {
  if (!errors) return [error];
  errors.push(error);
  return errors;
}

function wireErrors(rule: InstructionRule, wires: unknown): PydanticError[] | undefined {
  if (!Array.isArray(wires)) return [{ loc: ['wires'], msg: 'Input should be a valid list', type: 'list_type', input: wires }];
  let errors: PydanticError[] | undefined;
  for (let k = 0; k < wires.length; k++) {
    const w: unknown = wires[k];
    // An integer needs no integer check (whose location would be built for every wire).
    const e = Number.isInteger(w) ? undefined : intError(['wires', k], w);
    if (e) errors = withError(errors, e);
    else if ((w as number) < 0)
      errors = withError(errors, { loc: ['wires', k], msg: 'Input should be greater than or equal to 0', type: 'greater_than_equal', input: w });
    else if ((w as number) > rule.maxWire)
      errors = withError(errors, { loc: ['wires', k], msg: `Input should be less than or equal to ${rule.maxWire}`, type: 'less_than_equal', input: w });
  }
  if (errors) return errors;
  const countError = lengthError('wires', wires, rule.wireCount.min, rule.wireCount.max);
  if (countError) return [countError];
  if (rule.couplingMap && !inCouplingMap(rule.couplingMap, wires))
    return [{ loc: ['wires'], msg: 'Value error, The combination of wires is not in the coupling map.', type: 'value_error', input: wires }];
  return undefined;
}

function paramErrors(rule: InstructionRule, params: unknown): PydanticError[] | undefined {
  if (!Array.isArray(params)) return [{ loc: ['params'], msg: 'Input should be a valid list', type: 'list_type', input: params }];
  let errors: PydanticError[] | undefined;
  for (let k = 0; k < params.length; k++) {
    const p: unknown = params[k];
    const spec = rule.params[k];
    if (!isNumber(p)) errors = withError(errors, { loc: ['params', k], msg: 'Input should be a valid number', type: 'float_type', input: p });
    else if (!spec) continue;
    else if (spec.integer && !Number.isInteger(p))
      errors = withError(errors, {
        loc: ['params', k],
        msg: 'Input should be a valid integer, got a number with a fractional part',
        type: 'int_from_float',
        input: p,
      });
    else if (p < spec.min)
      errors = withError(errors, { loc: ['params', k], msg: `Input should be greater than or equal to ${spec.min}`, type: 'greater_than_equal', input: p });
    else if (p > spec.max)
      errors = withError(errors, { loc: ['params', k], msg: `Input should be less than or equal to ${spec.max}`, type: 'less_than_equal', input: p });
  }
  if (errors) return errors;
  const countError = lengthError('params', params, rule.minParamsAccepted ?? rule.params.length, rule.params.length);
  return countError ? [countError] : undefined;
}

/** pydantic's length check of a list field: too short, too long, or `undefined`. */
function lengthError(field: 'wires' | 'params', list: readonly unknown[], min: number, max: number): PydanticError | undefined {
  if (list.length < min) return { loc: [field], msg: lengthMessage('at least', min, list.length), type: 'too_short', input: list };
  if (list.length > max) return { loc: [field], msg: lengthMessage('at most', max, list.length), type: 'too_long', input: list };
  return undefined;
}

/** A readable sentence for one pydantic error of an instruction. */
function describeInstructionError(rule: InstructionRule, error: PydanticError): { rule: string; text: string; allowed: string } {
  const [field, index] = error.loc;
  if (field === 'params' && typeof index === 'number') {
    const spec = rule.params[index];
    const name = spec?.name ?? `#${index}`;
    const allowed = spec ? `${spec.integer ? 'an integer ' : ''}${bound(spec.min)} ≤ ${name} ≤ ${bound(spec.max)}` : 'a number';
    const kind = error.type === 'int_from_float' ? 'param-integer' : 'param-range';
    return { rule: kind, text: `parameter ${name} = ${String(error.input)} is invalid`, allowed };
  }
  if (field === 'params') {
    const names = rule.params.map((p) => p.name).join(', ');
    return {
      rule: 'param-count',
      text: `takes ${rule.params.length} parameter${rule.params.length === 1 ? '' : 's'}, got ${(error.input as unknown[]).length}`,
      allowed: names ? `[${names}]` : 'no parameters',
    };
  }
  if (error.type === 'value_error') {
    return {
      rule: 'coupling-map',
      text: `wires ${JSON.stringify(error.input)} are not an allowed wire list`,
      allowed: (rule.couplingMap ?? []).map((w) => JSON.stringify(w)).join(' | '),
    };
  }
  if (typeof index === 'number') {
    return { rule: 'wire-range', text: `wire ${String(error.input)} is out of range`, allowed: `wires 0…${rule.maxWire}` };
  }
  const { min, max } = rule.wireCount;
  return {
    rule: 'wire-count',
    text: `takes ${min === max ? min : `${min}…${max}`} wire${max === 1 ? '' : 's'}, got ${Array.isArray(error.input) ? error.input.length : 'no list'}`,
    allowed: `${min}…${max} wires`,
  };
}

/** A problem for an experiment nested deeper than any payload needs, naming the instruction when one is at fault. */
function depthProblem(name: string, path: readonly (string | number)[]): ValidationProblem {
  const index = path[0] === 'instructions' && typeof path[1] === 'number' ? path[1] : undefined;
  const where = index === undefined ? `${name}, at ${path.slice(0, 4).join('.')}` : `${name}, instruction ${index}`;
  return {
    severity: 'error',
    stage: 'server',
    rule: 'nesting-depth',
    experiment: name,
    ...(index === undefined ? {} : { instructionIndex: index }),
    message: `${where}: the value nests more than ${MAX_JSON_DEPTH} levels deep; an experiment holds [name, [wires], [numbers]] instructions, 3 levels below it.`,
    allowed: `at most ${MAX_JSON_DEPTH} levels`,
  };
}

/** Experiment `name`'s problems as a whole, before its instructions: the server's model, no instructions, no wire order. */
function experimentShapeProblems(rules: BackendRules, name: string, raw: Record<string, unknown>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const modelErrors = experimentModelErrors(rules, raw);
  const modelText = modelErrors.length > 0 ? pydanticText(rules.experiment.serverModel, modelErrors) : '';
  for (const error of modelErrors) {
    const field = String(error.loc[0]);
    const index = typeof error.loc[1] === 'number' ? error.loc[1] : undefined;
    problems.push({
      severity: 'error',
      stage: 'server',
      rule: field === 'instructions' ? 'instruction-shape' : field.replace('_', '-'),
      experiment: name,
      ...(index === undefined ? {} : { instructionIndex: index }),
      message: `${name}${index === undefined ? '' : `, instruction ${index}`}: ${field} ${error.type === 'missing' ? 'is missing' : `${JSON.stringify(error.input)} is invalid (${error.msg})`}.`,
      serverMessage: modelText,
    });
  }
  if (Array.isArray(raw.instructions) && raw.instructions.length === 0) {
    problems.push({
      severity: 'error',
      stage: 'server',
      rule: 'no-instructions',
      experiment: name,
      message: `${name} has no instructions.`,
      serverMessage: '',
    });
  }

  if (raw.wire_order === undefined && rules.experiment.wireOrders.length > 1) {
    problems.push({
      severity: 'error',
      stage: 'crash',
      rule: 'wire-order-missing',
      experiment: name,
      message: `${name} has no wire_order; the reference spooler crashes without it (KeyError).`,
      allowed: rules.experiment.wireOrders.join(' | '),
    });
  }

  return problems;
}

/**
 * The first wire at or above `numWires`. A function of its own, not a `find` callback in
 * {@link checkInstruction}: a callback capturing `numWires` made V8 allocate a context on every
 * call of it, ~40 bytes per instruction of a scan.
 */
function firstWireFrom(wires: readonly unknown[], numWires: number): number | undefined {
  for (const w of wires) if (isNumber(w) && w >= numWires) return w;
  return undefined;
}

/**
 * Adds the problems of instruction `i` of experiment `name` (its shape, gate, parameters and wires)
 * to `problems`: pushed, not returned, because this runs once per instruction of a whole scan.
 */
function checkInstruction(rules: BackendRules, name: string, inst: unknown, i: number, numWires: number | undefined, problems: ValidationProblem[]): void {
  const reference = rules.reference;
  if (!Array.isArray(inst)) return;
  // Message texts and lists are made only for a problem: this runs on every instruction of a scan.
  if (inst.length < 3) {
    problems.push({
      severity: 'error',
      stage: 'crash',
      rule: 'instruction-shape',
      experiment: name,
      instructionIndex: i,
      message: `${name}, instruction ${i}: an instruction is [name, wires, params], got ${inst.length} element${inst.length === 1 ? '' : 's'} (the reference spooler crashes on it).`,
      allowed: '[name, wires, params]',
    });
    return;
  }
  // Indexed reads: destructuring would go through the iterator protocol once per instruction.
  const gate: unknown = inst[0];
  const wires: unknown = inst[1];
  const params: unknown = inst[2];
  const gateName = String(gate);
  if (!rules.supportedInstructions.includes(gateName)) {
    problems.push({
      severity: 'error',
      stage: 'server',
      rule: 'unknown-instruction',
      experiment: name,
      instructionIndex: i,
      gate: gateName,
      message: `${name}, instruction ${i}: ${gateName} is not an instruction of ${rules.backend}; allowed: ${rules.supportedInstructions.join(', ')}.`,
      allowed: rules.supportedInstructions.join(', '),
      serverMessage: `Instruction ${gateName} not allowed.`,
    });
    return;
  }
  const rule = rules.instructions[gateName];
  if (!rule) return;
  const errors = instructionErrors(rule, wires, params);
  if (errors) {
    const text = `Error in instruction ${pydanticText(rule.serverModel, errors)}`;
    const wireList = numbersOf(wires);
    for (const error of errors) {
      const d = describeInstructionError(rule, error);
      problems.push({
        severity: 'error',
        stage: 'server',
        rule: d.rule,
        experiment: name,
        instructionIndex: i,
        gate: gateName,
        wires: wireList,
        message: `${name}, instruction ${i} (${gateName} on wires ${JSON.stringify(wires)}): ${d.text}; allowed: ${d.allowed}.`,
        allowed: d.allowed,
        serverMessage: text,
      });
    }
    return;
  }
  if (rule.minParamsAccepted !== undefined && Array.isArray(params) && params.length < rule.params.length) {
    problems.push({
      severity: 'error',
      stage: 'crash',
      rule: 'param-count',
      experiment: name,
      instructionIndex: i,
      gate: gateName,
      wires: numbersOf(wires),
      message: `${name}, instruction ${i} (${gateName}): needs ${rule.params.length} parameter (${rule.params.map((p) => p.name).join(', ')}); the reference spooler crashes without it.`,
      allowed: `[${rule.params.map((p) => p.name).join(', ')}]`,
    });
  }
  if (
    (reference === 'multiqudit' || reference === 'rydberg') &&
    numWires !== undefined &&
    rule.name !== 'barrier' &&
    !rule.couplingMap?.some((w) => w.length > 1 && w.length === 5)
  ) {
    const outside = Array.isArray(wires) ? firstWireFrom(wires, numWires) : undefined;
    if (outside !== undefined) {
      problems.push({
        severity: 'error',
        stage: 'crash',
        rule: 'wire-beyond-num-wires',
        experiment: name,
        instructionIndex: i,
        gate: gateName,
        wires: numbersOf(wires),
        message: `${name}, instruction ${i} (${gateName}): wire ${outside} is not below num_wires ${numWires}; the reference spooler crashes on it.`,
        allowed: `wires 0…${numWires - 1}`,
      });
    }
  }
}

/** Adds experiment `name`'s problems to `problems` (pushed, not returned: this runs once per experiment of a scan). */
function validateExperiment(rules: BackendRules, name: string, raw: unknown, warnings: boolean, problems: ValidationProblem[]): void {
  // The server stops at a bad key; we go on, so that a client splitting the payload (which renames
  // experiments) still learns every problem of the content.
  const nameProblem = experimentNameProblem(rules, name);
  if (nameProblem) problems.push(nameProblem);
  const contentStart = problems.length;
  const tooDeep = nestsDeeperThan(raw, MAX_JSON_DEPTH) ? pathDeeperThan(raw, MAX_JSON_DEPTH) : undefined;
  if (tooDeep) {
    problems.push(depthProblem(name, tooDeep));
    return;
  }
  if (!isObject(raw)) {
    problems.push({
      severity: 'error',
      stage: 'server',
      rule: 'experiment-shape',
      experiment: name,
      message: `${name} must be an object with instructions, shots, num_wires and wire_order.`,
      serverMessage: pydanticText(rules.experiment.serverModel, [{ loc: [], msg: 'Input should be a valid dictionary', type: 'dict_type', input: raw }]),
    });
    return;
  }
  for (const problem of experimentShapeProblems(rules, name, raw)) problems.push(problem);
  const instructions: readonly unknown[] = Array.isArray(raw.instructions) ? raw.instructions : [];
  const numWires = isNumber(raw.num_wires) ? raw.num_wires : undefined;
  const reference = rules.reference;
  for (let i = 0; i < instructions.length; i++) checkInstruction(rules, name, instructions[i], i, numWires, problems);

  if (reference === 'multiqudit' && numWires !== undefined && !hasServerProblem(problems, contentStart)) {
    const dimension = hilbertDimension({ num_wires: numWires, instructions });
    const max = rules.experiment.maxHilbertDimension ?? Number.POSITIVE_INFINITY;
    if (dimension > max) {
      problems.push({
        severity: 'error',
        stage: 'server',
        rule: 'hilbert-dimension',
        experiment: name,
        message: `${name}: the Hilbert space dimension ${dimension} (2^(num_wires − loads) × Π N) is above ${max}.`,
        allowed: `dimension ≤ ${max}`,
        serverMessage: 'Hilbert space dimension too large!',
      });
    }
  }
  const parsed = instructions.map(asInstruction);
  for (const problem of runAndCrashProblems(rules, name, parsed)) problems.push(problem);
  if (warnings) for (const warning of noopWarnings(rules, name, parsed, numWires)) problems.push(warning);
}

/** Whether a server-stage problem was found from `problems[first]` on (the experiment's content, after its name). */
function hasServerProblem(problems: readonly ValidationProblem[], first: number): boolean {
  for (let k = first; k < problems.length; k++) if (problems[k]?.stage === 'server') return true;
  return false;
}

type Instruction = readonly [string, number[], number[]];

/** An instruction read as [name, wires, params]: itself when its name is a string, as it almost always is (no copy per instruction). */
function asInstruction(inst: unknown): Instruction | undefined {
  if (!Array.isArray(inst) || inst.length < 3 || !Array.isArray(inst[1]) || !Array.isArray(inst[2])) return undefined;
  return typeof inst[0] === 'string' ? (inst as unknown as Instruction) : [String(inst[0]), inst[1] as number[], inst[2] as number[]];
}

/** `parsed`: the experiment's instructions read by {@link asInstruction}. */
function runAndCrashProblems(rules: BackendRules, name: string, parsed: readonly (Instruction | undefined)[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (rules.reference === 'singlequdit' && parsed.length > 0 && !parsed.some((p) => p?.[0] === 'measure')) {
    problems.push({
      severity: 'error',
      stage: 'crash',
      rule: 'measure-required',
      experiment: name,
      message: `${name} has no measure; singlequdit needs one (the reference spooler crashes without it).`,
      allowed: 'at least one measure',
    });
  }
  if (rules.reference === 'fermions') {
    const loaded = new Set<number>();
    parsed.forEach((p, i) => {
      const wire = p?.[0] === 'load' && p[1].length === 1 ? p[1][0] : undefined;
      if (wire === undefined) return;
      if (loaded.has(wire)) {
        problems.push({
          severity: 'error',
          stage: 'run',
          rule: 'double-load',
          experiment: name,
          instructionIndex: i,
          gate: 'load',
          wires: [wire],
          message: `${name}, instruction ${i} (load on wire ${wire}): the mode is already occupied; a fermion mode holds one atom.`,
          allowed: 'each mode loaded once',
          serverMessage: 'probabilities do not sum to 1',
        });
      }
      loaded.add(wire);
    });
  }
  return problems;
}

function noopWarnings(rules: BackendRules, name: string, parsed: readonly (Instruction | undefined)[], numWires: number | undefined): ValidationProblem[] {
  const warnings: ValidationProblem[] = [];
  const warn = (i: number, gate: string, wires: number[], rule: string, text: string): void => {
    warnings.push({
      severity: 'warning',
      stage: 'noop',
      rule,
      experiment: name,
      instructionIndex: i,
      gate,
      wires,
      message: `${name}, instruction ${i} (${gate} on wires ${JSON.stringify(wires)}): ${text}`,
    });
  };
  if (rules.reference === 'multiqudit') {
    let gateSeen = false;
    parsed.forEach((p, i) => {
      if (!p) return;
      const [gate, wires] = p;
      if (gate === 'load' && gateSeen)
        warn(i, gate, wires, 'load-reordered', 'multiqudit applies every load before any gate, so this load acts before the gates written above it.');
      if (gate !== 'load' && gate !== 'measure' && gate !== 'barrier') gateSeen = true;
      if (gate === 'rlzlz' && wires.length === 5) warn(i, gate, wires, 'silent-noop', 'the 5-wire form of rlzlz does nothing on the reference backend.');
      if (gate === 'rlxly' && wires.length !== 2 && wires.length !== numWires)
        warn(i, gate, wires, 'silent-noop', `rlxly on ${wires.length} wires with num_wires ${String(numWires)} does nothing on the reference backend.`);
      if (gate === 'multiqudit_full' && numWires !== undefined && wires.length !== numWires)
        warn(i, gate, wires, 'acts-on-all-wires', `multiqudit_full acts on all ${numWires} wires, not only the ${wires.length} listed.`);
    });
  }
  if (rules.reference === 'singlequdit') {
    const lastMeasure = parsed.findLastIndex((p) => p?.[0] === 'measure');
    parsed.forEach((p, i) => {
      if (p && i > lastMeasure && lastMeasure >= 0 && p[0] !== 'measure' && p[0] !== 'barrier')
        warn(i, p[0], p[1], 'after-last-measure', 'singlequdit samples at the last measure, so this instruction does not change the outcome.');
    });
  }
  return warnings;
}

/**
 * The multiqudit server's Hilbert-space dimension (protocol.md §6.2): 2^(num_wires − #loads) times
 * each load's N — N, not N + 1, and a wire loaded twice counts twice, as the server computes it.
 */
export function hilbertDimension(experiment: { readonly num_wires: number; readonly instructions: readonly unknown[] }): number {
  const loads = experiment.instructions.map(asInstruction).filter((p) => p?.[0] === 'load');
  return loads.reduce((dim, p) => dim * (p?.[2][0] ?? 1), 2 ** (experiment.num_wires - loads.length));
}
