import { referenceBackend, type ReferenceBackendName } from '@coldatom/backend-config';
import type { SimExperiment } from '../physics/experiment.js';

/** A status object exactly as the reference server stores and serves it (protocol.md §3.1, key order included). */
export interface StoredStatus {
  readonly job_id: string;
  readonly status: 'INITIALIZING' | 'DONE' | 'ERROR';
  readonly detail: string;
  readonly error_message: string;
}

/** An executed instruction as the reference echoes it in results. */
interface EchoedInstruction {
  readonly name: string;
  readonly wires: readonly number[];
  readonly params: readonly number[];
}

/** One experiment's result (`ExperimentDict`, protocol.md §4.1, key order included). */
export interface StoredExperimentResult {
  readonly header: { readonly name: string; readonly 'extra metadata': 'text' };
  readonly shots: number;
  readonly success: true;
  readonly data: { readonly memory: readonly string[]; readonly instructions: readonly EchoedInstruction[] | null };
}

/** A result object (`ResultDict`, protocol.md §4.1, key order included). */
export interface StoredResult {
  readonly backend_name: string;
  readonly display_name: string;
  readonly backend_version: string;
  readonly job_id: string;
  readonly qobj_id: null;
  readonly success: true;
  readonly status: 'INITIALIZING';
  readonly header: Record<string, never>;
  readonly results: readonly StoredExperimentResult[];
}

/** One experiment of a job, with the name it had in the payload. */
export interface NamedExperiment {
  readonly name: string;
  readonly experiment: Pick<SimExperiment, 'shots' | 'instructions'>;
}

// The fermions backend of sqooler-example passes no instruction list to its result (protocol.md §4.1).
const WITHOUT_INSTRUCTION_ECHO: ReadonlySet<ReferenceBackendName> = new Set(['fermions']);

/** The reference server's answer for a job id it does not know (HTTP 406). */
export function unknownJobStatus(jobId: string): StoredStatus {
  return { job_id: jobId, status: 'ERROR', detail: 'Could not find the status file.', error_message: `Missing status file for ${jobId}.` };
}

/** A finished job's result, as the reference spooler stores it and django-qlued serves it. */
export function resultDocument(
  backend: ReferenceBackendName,
  jobId: string,
  experiments: readonly NamedExperiment[],
  memories: readonly (readonly string[])[],
): StoredResult {
  const config = referenceBackend(backend).config;
  return {
    backend_name: config.backend_name,
    display_name: backend,
    backend_version: config.backend_version ?? '',
    job_id: jobId,
    qobj_id: null,
    success: true,
    // The reference spooler never updates its result's own status (protocol.md §4.3).
    status: 'INITIALIZING',
    header: {},
    results: experiments.map(({ name, experiment }, i) => ({
      header: { name, 'extra metadata': 'text' },
      shots: experiment.shots,
      success: true,
      data: {
        memory: memories[i] ?? [],
        instructions: WITHOUT_INSTRUCTION_ECHO.has(backend) ? null : experiment.instructions.map(([name, wires, params]) => ({ name, wires, params })),
      },
    })),
  };
}
