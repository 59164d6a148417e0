/**
 * The only module that uses mathjs (6.6.5, the copy quantum-circuit loads; loaded on first use).
 * Parameter expressions are compiled once and evaluated against an explicit scope object only.
 */
import { mathjsModule } from '#libraries';
import { CircuitError } from '../circuit-error.js';

// mathjs 6 ships no types: the few members used here.
interface MathNode {
  readonly type: string;
  readonly name?: string;
  readonly fn?: MathNode;
  filter<T extends MathNode>(test: (node: MathNode, path: string, parent: MathNode | null) => node is T): T[];
  filter(test: (node: MathNode, path: string, parent: MathNode | null) => boolean): MathNode[];
  compile(): { evaluate(scope: Record<string, number>): unknown };
}
interface SymbolNode extends MathNode {
  readonly type: 'SymbolNode';
  readonly name: string;
}
interface MathJs {
  parse(text: string): MathNode;
}

const isSymbolNode = (node: MathNode): node is SymbolNode => node.type === 'SymbolNode' && typeof node.name === 'string';

let math: MathJs | undefined;
const mathjs = (): MathJs => (math ??= mathjsModule() as MathJs);

const predefined = new Map<string, boolean>();

/**
 * True for a name the expression language resolves by itself — constants (`pi`, `e`, `i`, `phi`,
 * `tau`, `E`, `PI`, `SQRT2`, …), functions (`sin`, `gamma`, …) and keywords (`true`, `NaN`, …):
 * a scope value of that name would silently change or be ignored by what expressions mean.
 */
export function isPredefinedName(name: string): boolean {
  let known = predefined.get(name);
  if (known === undefined) {
    known = resolvesItself(name);
    predefined.set(name, known);
  }
  return known;
}

function resolvesItself(name: string): boolean {
  let node: MathNode;
  try {
    node = mathjs().parse(name);
  } catch {
    return true; // not an identifier at all, so never a free symbol
  }
  if (node.type !== 'SymbolNode' || node.name !== name) return true;
  try {
    // mathjs reads an otherwise unknown unit name (J, N, m, b, …) as that unit; a scope value
    // takes precedence, so unit names are free to use as variables.
    return (node.compile().evaluate({}) as { isUnit?: boolean } | null)?.isUnit !== true;
  } catch {
    return false; // "Undefined symbol": free to use
  }
}

/** A compiled parameter expression. */
export interface Expression {
  readonly text: string;
  /** Free symbols, in order of first use: every one must be in the scope. */
  readonly symbols: readonly string[];
  /** The value for a scope holding every symbol; throws unless it is a finite real number. */
  evaluate(scope: Readonly<Record<string, number>>): number;
}

const compiled = new Map<string, Expression>();

/** Compiles `theta/2`, `2*pi*f`, `sqrt(chi)`, …; assignments and several statements are refused. */
export function parseExpression(text: string): Expression {
  const known = compiled.get(text);
  if (known) return known;
  let node: MathNode;
  try {
    node = mathjs().parse(text);
  } catch (cause) {
    throw new CircuitError(`"${text}" is not an expression: ${(cause as Error).message}`, { cause });
  }
  if (node.filter((n) => /Assignment|Block/.test(n.type)).length > 0) {
    throw new CircuitError(`"${text}" must be a single expression without assignments`);
  }
  // A function's name is a SymbolNode too (`sqrt` in `sqrt(chi)`): only the other ones are symbols.
  const symbols = [...new Set(node.filter((n, _path, parent): n is SymbolNode => isSymbolNode(n) && parent?.fn !== n).map((n) => n.name))].filter(
    (s) => !isPredefinedName(s),
  );
  const code = node.compile();
  const expression: Expression = {
    text,
    symbols,
    evaluate(scope) {
      for (const symbol of symbols) {
        if (!Object.hasOwn(scope, symbol)) throw new CircuitError(`"${text}" uses the unbound symbol ${symbol}`);
      }
      // Assignments are refused above, so evaluation cannot write into the caller's scope.
      const value = code.evaluate(scope as Record<string, number>);
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new CircuitError(`"${text}" is ${String(value)}, not a finite real number`);
      return value;
    },
  };
  compiled.set(text, expression);
  return expression;
}
