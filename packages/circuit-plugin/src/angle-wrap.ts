import type { BackendRules } from '@coldatom/backend-config';
import type { Instruction, JobPayload } from '@coldatom/core';

/**
 * Gates exp(−iθG) whose G has a spectrum of integers, half- or quarter-integers (protocol.md §6),
 * so that θ and θ + (the parameter's upper bound, 2π or 20π) differ by a global phase only.
 * `rlxly` qualifies on two wires; on every wire it is a chain of non-commuting terms. The *_full
 * gates sum non-commuting terms and `rydberg_block`'s 1/r⁶ spectrum is incommensurate: wrapping
 * their parameters would change the physics, so they are never wrapped.
 */
const PERIODIC = new Set(['rlx', 'rlz', 'rlz2', 'rlzlz', 'fhop', 'fint', 'fphase']);
const isPeriodic = (gate: string, wires: readonly number[]): boolean => PERIODIC.has(gate) || (gate === 'rlxly' && wires.length === 2);

/**
 * The payload with out-of-range angles of periodic gates mapped into [0, max) (θ mod max); the same
 * object when nothing needed wrapping. Other values are left for validation to report.
 */
export function wrapAngles(payload: JobPayload, rules: BackendRules): JobPayload {
  let changed = false;
  const wrapped = Object.fromEntries(
    Object.entries(payload).map(([name, experiment]) => {
      const instructions = experiment.instructions.map((inst): Instruction => {
        const [gate, wires, params] = inst;
        const specs = rules.instructions[gate]?.params;
        if (!specs || !isPeriodic(gate, wires)) return inst;
        let mapped: number[] | undefined;
        params.forEach((p, k) => {
          const spec = specs[k];
          if (!spec || spec.integer || !Number.isFinite(spec.max) || (p >= spec.min && p <= spec.max)) return;
          mapped ??= [...params];
          mapped[k] = ((p % spec.max) + spec.max) % spec.max;
        });
        if (!mapped) return inst;
        changed = true;
        return [gate, wires, mapped];
      });
      return [name, { ...experiment, instructions }];
    }),
  );
  return changed ? wrapped : payload;
}
