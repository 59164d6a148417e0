import type { z } from 'zod';
import { lazySchema } from '@coldatom/backend-config/internal';

/**
 * `data.instructions` echo: objects since sqooler 0.5, `null` on the fermions backend; any other
 * form is kept as it came (it is informational only).
 */
const EchoedInstruction = lazySchema((z) =>
  z.union([z.object({ name: z.string(), wires: z.array(z.number()), params: z.array(z.number()) }), z.array(z.unknown())]),
);

/** One experiment's result, parsed tolerantly (protocol.md §4.1, §4.4). */
export const ExperimentResult = lazySchema((z) =>
  z
    .object({
      header: z.object({ name: z.string(), 'extra metadata': z.unknown().optional() }),
      shots: z.number(),
      success: z.boolean(),
      data: z.object({
        memory: z.array(z.string()),
        instructions: z.array(EchoedInstruction).nullable().optional(),
      }),
    })
    .meta({ id: 'ExperimentResult', title: 'Experiment result' }),
);
export type ExperimentResult = z.output<typeof ExperimentResult>;

/**
 * A result body (protocol.md §4): tolerant of every generation — `status` "finished" or
 * "INITIALIZING" (never used for completion), `experiments` echo, missing `display_name`,
 * integer `job_id`, `backend_name` null.
 */
export const JobResult = lazySchema((z) =>
  z
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
    .meta({ id: 'JobResult', title: 'Job result' }),
);
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

/** What a result's `memory` says per measured value: its mean over the shots and that mean's standard error. */
export interface MemoryStatistics {
  readonly shots: number;
  /** One number array per shot, as {@link decodeMemory} gives them. */
  readonly decoded: readonly (readonly number[])[];
  /** Mean of each measured value (memory lists values in measure order); NaN where a shot lacks it. */
  readonly mean: readonly number[];
  /** Sample standard deviation / √shots of each mean (0 for a single shot). */
  readonly standardError: readonly number[];
}

/**
 * Means and standard errors of a result's memory, so every front end (the CLI's tables and plots,
 * a web page) shows the same numbers for a point. Two sums over at most a few thousand shots: a
 * statistics library would add a dependency for less than this.
 */
export function memoryStatistics(memory: readonly string[]): MemoryStatistics {
  const decoded = decodeMemory(memory);
  const shots = decoded.length;
  const width = Math.max(0, ...decoded.map((shot) => shot.length));
  const mean = Array.from({ length: width }, (_, k) => decoded.reduce((sum, shot) => sum + (shot[k] ?? Number.NaN), 0) / shots);
  const standardError = mean.map((m, k) => {
    if (shots < 2) return 0;
    const variance = decoded.reduce((sum, shot) => sum + ((shot[k] ?? Number.NaN) - m) ** 2, 0) / (shots - 1);
    return Math.sqrt(variance / shots);
  });
  return { shots, decoded, mean, standardError };
}
