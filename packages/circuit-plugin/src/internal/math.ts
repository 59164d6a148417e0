/**
 * The only module that imports mathjs (the copy quantum-circuit already loads): parameter
 * expressions are compiled once and evaluated with an explicit scope, never against globals.
 */
import { createRequire } from 'node:module';
import { ColdAtomError } from '@coldatom/core';

interface MathNode {
  filter(test: (node: { isSymbolNode?: boolean; name?: string }, path: string, parent: { isFunctionNode?: boolean; fn?: unknown } | null) => boolean): { name?: string }[];
  compile(): { evaluate(scope: Record<string, number>): unknown };
}
interface MathJs {
  parse(text: string): MathNode;
  [name: string]: unknown;
}

// mathjs 6 ships no types and no ESM entry; a typed require keeps that in this one file.
const math = createRequire(import.meta.url)('mathjs') as MathJs;

/** True for names mathjs already defines (pi, e, i, phi, tau, E, PI, SQRT2, …): unusable as scan variables. */
export function isPredefinedName(name: string): boolean {
  return name in math;
}

/** A compiled expression with the symbols it needs. */
export interface Expression {
  readonly text: string;
  readonly symbols: readonly string[];
  evaluate(scope: Readonly<Record<string, number>>): number;
}

const compiled = new Map<string, Expression>();

/** Compiles an expression such as `theta/2` or `2*pi`; evaluation needs every free symbol bound. */
export function expression(text: string): Expression {
  const known = compiled.get(text);
  if (known) return known;
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (cause) {
    throw new ColdAtomError(`Parameter expression "${text}" cannot be parsed`, { cause });
  }
  const symbols = [...new Set(node.filter((n, _path, parent) => n.isSymbolNode === true && !(parent?.isFunctionNode && parent.fn === n)).map((n) => n.name!))].filter((s) => !isPredefinedName(s));
  const code = node.compile();
  const result: Expression = {
    text,
    symbols,
    evaluate(scope) {
      const missing = symbols.filter((s) => !(s in scope));
      if (missing.length > 0) throw new ColdAtomError(`Parameter expression "${text}" uses unbound symbol${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
      const value = code.evaluate({ ...scope });
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new ColdAtomError(`Parameter expression "${text}" does not evaluate to a finite real number`);
      return value;
    },
  };
  compiled.set(text, result);
  return result;
}
