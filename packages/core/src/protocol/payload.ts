import type { z } from 'zod';
import { lazySchema } from '@coldatom/backend-config/internal';

/**
 * One instruction as the protocol writes it: `[name, wires, params]` (protocol.md §2.1).
 * We emit exactly three elements; the object form `{name, wires, params}` is rejected by servers.
 */
export const Instruction = lazySchema((z) =>
  z.tuple([z.string().min(1), z.array(z.int().min(0)), z.array(z.number())]).meta({ id: 'Instruction', title: 'Instruction [name, wires, params]' }),
);
export type Instruction = z.output<typeof Instruction>;

/** The two wire conventions of protocol.md §2.3. */
export const WireOrder = lazySchema((z) => z.enum(['sequential', 'interleaved']).meta({ id: 'WireOrder', title: 'Wire order' }));
export type WireOrder = z.output<typeof WireOrder>;

/**
 * One experiment as we emit it: exactly the keys the protocol defines, in the reference key order
 * (`instructions`, `shots`, `num_wires`, `wire_order`, then the optional `seed`).
 */
export const Experiment = lazySchema((z) =>
  z
    .strictObject({
      instructions: z.array(Instruction).min(1),
      shots: z.int().positive(),
      num_wires: z.int().positive(),
      wire_order: WireOrder,
      seed: z.int().optional(),
    })
    .meta({ id: 'Experiment', title: 'Experiment' }),
);
export type Experiment = z.output<typeof Experiment>;

/** `experiment_<digits>`: the only experiment key form servers accept (protocol.md §2.2). */
export const EXPERIMENT_NAME_PATTERN = /^experiment_\d+$/;

/** A job payload: experiments keyed `experiment_<k>`, results come back in key order. */
export const JobPayload = lazySchema((z) =>
  z
    .record(z.string().regex(EXPERIMENT_NAME_PATTERN), Experiment)
    .refine((payload) => Object.keys(payload).length > 0, { message: 'a job needs at least one experiment' })
    // The refinement does not reach JSON Schema; `minProperties` says the same there.
    .meta({ id: 'JobPayload', title: 'Job payload', minProperties: 1 }),
);
export type JobPayload = z.output<typeof JobPayload>;

/** The number in an experiment name (`experiment_12` → 12); NaN when the name has another form. */
export function experimentIndex(name: string): number {
  return EXPERIMENT_NAME_PATTERN.test(name) ? Number(name.slice('experiment_'.length)) : Number.NaN;
}

/** `experiment_<index>`. */
export function experimentName(index: number): string {
  return `experiment_${index}`;
}

/** The fields of an experiment, as {@link experiment} takes them. */
interface ExperimentFields {
  readonly instructions: readonly Instruction[];
  readonly shots: number;
  readonly num_wires: number;
  readonly wire_order: WireOrder;
  readonly seed?: number | undefined;
}

/**
 * Builds an experiment with the keys in the reference order, leaving `seed` out when unset, so that
 * `JSON.stringify` writes what the reference client writes.
 */
export function experiment(fields: ExperimentFields): Experiment {
  // Indexed reads and slice, not destructuring and spread: this may copy every instruction of a scan.
  return ownedExperiment({ ...fields, instructions: fields.instructions.map((inst) => [inst[0], inst[1].slice(), inst[2].slice()]) });
}

/**
 * {@link experiment} for a caller whose instruction lists are its own and fresh: they become the
 * experiment's as they are. Copying them again was half of compiling a scan, in time and garbage.
 */
export function ownedExperiment(fields: ExperimentFields): Experiment {
  return {
    instructions: fields.instructions as Instruction[],
    shots: fields.shots,
    num_wires: fields.num_wires,
    wire_order: fields.wire_order,
    ...(fields.seed === undefined ? {} : { seed: fields.seed }),
  };
}
