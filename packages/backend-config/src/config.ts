import type { z } from 'zod';
import { lazySchema } from './lazy-schema.js';

/**
 * One entry of a served config's `gates` (protocol.md §5.1). `parameters` holds ONE comma-joined
 * string for multi-parameter gates (`["omega, delta, chi"]`): read it through {@link gateParameters}.
 */
export const GateConfig = lazySchema((z) =>
  z
    .object({
      coupling_map: z.array(z.array(z.int())).optional(),
      description: z.string().optional(),
      name: z.string(),
      parameters: z.array(z.string()).optional(),
      qasm_def: z.string().optional(),
    })
    .meta({ id: 'GateConfig', title: 'Gate configuration' }),
);
export type GateConfig = z.output<typeof GateConfig>;

/**
 * `get_config` as servers of every generation serve it, parsed tolerantly: unknown keys are ignored,
 * and keys older servers lack are optional (G0 configs have `atomic_species` and camel-case gate
 * names, G1 configs come from a database model, `/backends` entries have `url: null`).
 */
export const BackendConfiguration = lazySchema((z) =>
  z
    .object({
      description: z.string().optional(),
      display_name: z.string().optional(),
      conditional: z.boolean().optional(),
      // A string ("linear") on sqooler servers; `[[]]` on the 2021 server.
      coupling_map: z
        .union([z.string(), z.array(z.array(z.int()))])
        .nullable()
        .optional(),
      dynamic_reprate_enabled: z.boolean().optional(),
      local: z.boolean().optional(),
      memory: z.boolean().optional(),
      open_pulse: z.boolean().optional(),
      backend_version: z.string().optional(),
      n_qubits: z.int().nonnegative(),
      backend_name: z.string(),
      basis_gates: z.array(z.string()).optional(),
      max_experiments: z.int().positive().optional(),
      max_shots: z.int().positive().optional(),
      simulator: z.boolean().optional(),
      gates: z.array(GateConfig),
      supported_instructions: z.array(z.string()).optional(),
      cold_atom_type: z.string().optional(),
      wire_order: z.enum(['sequential', 'interleaved']).optional(),
      num_species: z.int().positive().optional(),
      url: z.string().nullable().optional(),
    })
    .meta({ id: 'BackendConfiguration', title: 'Backend configuration (get_config)' }),
);
export type BackendConfiguration = z.output<typeof BackendConfiguration>;

/** `GET …/backends`: a list of configurations. */
export const BackendList = lazySchema((z) => z.array(BackendConfiguration).meta({ id: 'BackendList', title: 'Backend list' }));
export type BackendList = z.output<typeof BackendList>;

/** `get_backend_status` (protocol.md §3.4). */
export const BackendStatus = lazySchema((z) =>
  z
    .object({
      backend_name: z.string(),
      backend_version: z.string(),
      operational: z.boolean(),
      pending_jobs: z.int().nonnegative(),
      status_msg: z.string(),
    })
    .meta({ id: 'BackendStatus', title: 'Backend status (get_backend_status)' }),
);
export type BackendStatus = z.output<typeof BackendStatus>;

/** A gate's parameter names, split out of the comma-joined form servers send. */
export function gateParameters(gate: GateConfig): string[] {
  return (gate.parameters ?? [])
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
