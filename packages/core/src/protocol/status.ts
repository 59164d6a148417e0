import type { z } from 'zod';
import { lazySchema } from '@coldatom/backend-config/internal';

/**
 * A status object as servers send it (protocol.md §3.1): parsed tolerantly. Every generation is
 * accepted: the 2021 server's integer `job_id` and missing `error_message`, `status: "None"`,
 * unknown status strings, extra keys.
 */
export const StatusMessage = lazySchema((z) =>
  z
    .object({
      job_id: z.union([z.string(), z.number()]),
      status: z.string(),
      detail: z.string().optional(),
      error_message: z.string().optional(),
    })
    .meta({ id: 'StatusMessage', title: 'Job status message' }),
);
export type StatusMessage = z.output<typeof StatusMessage>;

/**
 * The normalized job state machine: `SUBMITTED → INITIALIZING | QUEUED | RUNNING → DONE | ERROR`.
 * `SUBMITTED` is ours (accepted, no status read yet); no reference server emits QUEUED or RUNNING,
 * but other servers and the qiskit vocabulary do.
 */
export type JobState = 'SUBMITTED' | 'INITIALIZING' | 'QUEUED' | 'RUNNING' | 'DONE' | 'ERROR';

/** The states after which a job never changes again. */
export function isTerminalState(state: JobState): state is 'DONE' | 'ERROR' {
  return state === 'DONE' || state === 'ERROR';
}

// Every status string seen in any generation (protocol.md §3, §4.3, §8.5) and in the qiskit
// JobStatus vocabulary. "finished" is the pre-2024 result status; lower-case "error" is what qca maps.
const STATE_BY_STRING: Readonly<Record<string, JobState>> = {
  INITIALIZING: 'INITIALIZING',
  QUEUED: 'QUEUED',
  VALIDATING: 'QUEUED',
  RUNNING: 'RUNNING',
  DONE: 'DONE',
  FINISHED: 'DONE',
  ERROR: 'ERROR',
  FAILED: 'ERROR',
  CANCELLED: 'ERROR',
};

/**
 * Maps a server status string to a normalized state; `undefined` for strings no generation defines
 * (such as `"None"`), which callers keep as `raw` without changing the state. Never throws.
 */
export function normalizeState(raw: string): JobState | undefined {
  return STATE_BY_STRING[raw.trim().toUpperCase()];
}

/** Servers write the string `"None"` for unset fields (protocol.md §8.10): that is null to us. */
export function noneToNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value === 'None' ? null : value;
}

/** A status message normalized for callers. */
export interface JobStatus {
  /** The id the client asked about — never the `job_id` inside the body (protocol.md §3.2). */
  readonly jobId: string;
  /** The normalized state; `undefined` when the server sent a string no generation defines. */
  readonly state: JobState | undefined;
  /** The status string exactly as the server sent it. */
  readonly raw: string;
  /** The server's accumulated log (`"None"` → null). Display it; never parse it. */
  readonly detail: string | null;
  /** The server's error text (`"None"` → null). */
  readonly errorMessage: string | null;
  /** The `job_id` inside the body, kept for diagnosis only (a crashed spooler reports another job's id). */
  readonly bodyJobId: string;
}

/** Normalizes a parsed status message; `jobId` is the id that was asked about. */
export function toJobStatus(message: StatusMessage, jobId: string): JobStatus {
  return {
    jobId,
    state: normalizeState(message.status),
    raw: message.status,
    detail: noneToNull(message.detail),
    errorMessage: noneToNull(message.error_message),
    bodyJobId: String(message.job_id),
  };
}

// The reference server's answers for an id it does not know (protocol.md §3.2 and quirk 7): the
// current "Missing status file for <id>." / "Could not find the status file.", and the older
// "Error getting status from database. Maybe invalid JOB ID!".
const UNKNOWN_JOB = /missing status file|could not find the status file|maybe invalid job id/i;

/** True when an ERROR status says the server does not know the job (lost, not failed). */
export function isUnknownJobStatus(status: Pick<JobStatus, 'state' | 'detail' | 'errorMessage'>): boolean {
  return status.state === 'ERROR' && UNKNOWN_JOB.test(`${status.detail ?? ''}\n${status.errorMessage ?? ''}`);
}
