import { z } from 'zod';

/**
 * One swept parameter: explicit values (a bare list, or `{ values }`), or `linspace(start, stop,
 * num)` inclusive of both ends — the same forms `scan()` takes.
 */
export const SweepAxis = z
  .union([
    z.array(z.number()).min(1),
    z.strictObject({ values: z.array(z.number()).min(1) }),
    z.strictObject({ linspace: z.tuple([z.number(), z.number(), z.int().positive()]) }),
  ])
  .meta({ id: 'SweepAxis', title: 'One swept parameter' });
export type SweepAxis = z.output<typeof SweepAxis>;

/** Where the circuit comes from: inline OpenQASM 2, a `.qasm` file, or a module exporting a circuit. */
export const CircuitSource = z
  .union([z.strictObject({ qasm: z.string().min(1) }), z.strictObject({ qasmFile: z.string().min(1) }), z.strictObject({ module: z.string().min(1) })])
  .meta({ id: 'CircuitSource', title: 'Circuit source' });
export type CircuitSource = z.output<typeof CircuitSource>;

/**
 * A parameter scan as a file: what `coldatom run` reads. Relative paths resolve against the
 * spec's folder. Parameters form a Cartesian product (the first declared varies slowest) unless
 * `zip` is set.
 */
export const ScanSpec = z
  .strictObject({
    $schema: z.string().optional(),
    backend: z.string().min(1).meta({ description: '`local:<name>` or a backend base URL' }),
    shots: z.int().positive(),
    wireOrder: z.enum(['sequential', 'interleaved']).optional(),
    seed: z.int().optional(),
    circuit: CircuitSource,
    // Optional: a spec without parameters runs its circuit once.
    sweep: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), SweepAxis).optional(),
    zip: z.boolean().optional(),
  })
  .meta({ id: 'ScanSpec', title: 'Scan spec' });
export type ScanSpec = z.output<typeof ScanSpec>;
