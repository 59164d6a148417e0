/**
 * Where in the OpenQASM text a problem is. Validation names an experiment's instruction by index,
 * and the reader names a gate by index; both count the circuit's operations in written order
 * (cold-atom circuits keep that order), which are the QASM statements after the declarations.
 */

const DECLARATION = /^(OPENQASM\b|include\b|qreg\b|creg\b|gate\b|opaque\b|\/\/|}|$)/;

/** The 1-based line of each operation statement, in order. */
export function operationLines(qasm: string): number[] {
  const lines: number[] = [];
  let inGateBody = false;
  qasm.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (inGateBody) {
      if (line.includes('}')) inGateBody = false;
      return;
    }
    if (/^gate\b/.test(line) && !line.includes('}')) {
      inGateBody = true;
      return;
    }
    if (DECLARATION.test(line)) return;
    // One statement per `;` on the line.
    const statements = line.split(';').filter((s) => s.trim() !== '').length;
    for (let s = 0; s < Math.max(1, statements); s++) lines.push(index + 1);
  });
  return lines;
}

/** A problem placed on a line (undefined: it names no single operation). */
export interface PlacedProblem {
  readonly line: number | undefined;
  readonly message: string;
}

/** The line a problem message points at: `instruction 3`, `gate 3 (…)`, or `line 3` from the parser. */
export function placeMessage(qasm: string, message: string, instructionIndex?: number): PlacedProblem {
  const lines = operationLines(qasm);
  const index = instructionIndex ?? numberAfter(message, /\b(?:instruction|gate) (\d+)\b/);
  if (index !== undefined && lines[index] !== undefined) return { line: lines[index], message };
  const parserLine = numberAfter(message, /\bline (\d+)\b/i);
  return { line: parserLine, message };
}

function numberAfter(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
}
