import type { BackendRules } from '@coldatom/backend-config';
import { CircuitError } from './circuit-error.js';

/** What the fit check needs of one gate. */
interface FitGate {
  readonly name: string;
  /** The circuit defines this name itself (custom gate, `registerGate`, QASM `gate`). */
  readonly userGate: boolean;
}

const list = (indices: readonly number[]): string => (indices.length > 5 ? `${indices.slice(0, 5).join(', ')}, …` : indices.join(', '));

/**
 * Refuses at once, in one message, a circuit that cannot become a payload for a known backend:
 * more wires than it has, instructions it lacks (qubit gates such as `h`, `cx`, `u3`), and the
 * circuit's own gates that shadow one of its instructions. Validation would report the same
 * circuit line by line per experiment (221 lines for a 20-qubit QFT); this says what cold-atom
 * backends take instead.
 */
export function checkFitsBackend(gates: readonly FitGate[], width: number, rules: BackendRules): void {
  const problems: string[] = [];
  const maxWires = rules.experiment.numWires.max;
  if (width > maxWires) problems.push(`it has ${width} wires; ${rules.backend} takes at most ${maxWires}`);
  const foreign = new Map<string, number[]>();
  const shadowing = new Map<string, number[]>();
  gates.forEach((gate, index) => {
    const supported = rules.supportedInstructions.includes(gate.name);
    const into = gate.userGate && supported ? shadowing : !supported ? foreign : undefined;
    if (into) into.set(gate.name, [...(into.get(gate.name) ?? []), index]);
  });
  if (foreign.size > 0) {
    const names = [...foreign].map(([name, at]) => `${name} (instruction${at.length === 1 ? '' : 's'} ${list(at)})`);
    problems.push(`${rules.backend} has no instruction ${names.join(', ')}`);
  }
  for (const [name, at] of shadowing) {
    problems.push(
      `${name} (instruction${at.length === 1 ? '' : 's'} ${list(at)}) is the circuit's own gate definition, which shadows ${rules.backend}'s instruction ${name}; rename the circuit's gate, or remove its definition to mean the backend's`,
    );
  }
  if (problems.length === 0) return;
  throw new CircuitError(
    `This circuit cannot run on ${rules.backend}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
      `Cold-atom backends take their own instructions on at most ${maxWires} wire${maxWires === 1 ? '' : 's'}, not qubit gates: ${rules.backend} takes ${rules.supportedInstructions.join(', ')}.`,
  );
}
