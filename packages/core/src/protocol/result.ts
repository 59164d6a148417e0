import { z } from 'zod';

/**
 * `data.instructions` echo: objects since sqooler 0.5, `null` on the fermions backend; any other
 * form is kept as it came (it is informational only).
 */
const EchoedInstruction = z.union([z.object({ name: z.string(), wires: z.array(z.number()), params: z.array(z.number()) }), z.array(z.unknown())]);

/** One experiment's result, parsed tolerantly (protocol.md §4.1, §4.4). */
export const ExperimentResult = z
  .object({
    header: z.object({ name: z.string(), 'extra metadata': z.unknown().optional() }),
    shots: z.number(),
    success: z.boolean(),
    data: z.object({
      memory: z.array(z.string()),
      instructions: z.array(EchoedInstruction).nullable().optional(),
    }),
  })
  .meta({ id: 'ExperimentResult', title: 'Experiment result' });
export type ExperimentResult = z.output<typeof ExperimentResult>;

/**
 * A result body (protocol.md §4): tolerant of every generation — `status` "finished" or
 * "INITIALIZING" (never used for completion), `experiments` echo, missing `display_name`,
 * integer `job_id`, `backend_name` null.
 */
export const JobResult = z
  .object({
    backend_name: z.string().nullable().optional(),
    display_name: z.string().nullable().optional(),
    backend_version: z.string().optional(),
    job_id: z.union([z.string(), z.number()]),
    qobj_id: z.unknown().optional(),
    success: z.boolean(),
    status: z.string().optional(),
    header: z.record(z.string(), z.unknown()).optional(),
    results: z.array(ExperimentResult),
  })
  .meta({ id: 'JobResult', title: 'Job result' });
export type JobResult = z.output<typeof JobResult>;

/**
 * Decodes `memory` (one string per shot, values space-separated in measure order) into one number
 * array per shot; an empty string (nothing measured) decodes to `[]`. Lenient with any whitespace.
 */
export function decodeMemory(memory: readonly string[]): number[][] {
  return memory.map((shot) => {
    const trimmed = shot.trim();
    return trimmed === '' ? [] : trimmed.split(/\s+/).map(Number);
  });
}
