import type { z } from 'zod';
import { lazySchema } from '@coldatom/backend-config/internal';
import type { JobPayload } from '../protocol/payload.js';
import type { JobResult } from '../protocol/result.js';
import type { JobState, JobStatus } from '../protocol/status.js';
import type { JobHandle } from './job-handle-types.js';
import { ScanRecord } from './job-metadata.js';

/**
 * A journaled job's last known state: the protocol's states, and `LOST` for a job its server no
 * longer knows (see `JobLostError`): finished for the journal, but not failed.
 */
export const JournalState = lazySchema(
  (z) => z.enum(['SUBMITTED', 'INITIALIZING', 'QUEUED', 'RUNNING', 'DONE', 'ERROR', 'LOST']) satisfies z.ZodType<JobState | 'LOST'>,
);
export type JournalState = z.output<typeof JournalState>;

/** True for DONE, ERROR and LOST: nothing more will happen to the job on its server. */
export function isFinishedEntry(entry: { readonly state: JournalState }): boolean {
  return entry.state === 'DONE' || entry.state === 'ERROR' || entry.state === 'LOST';
}

/** One journaled job. Never holds a token: targets are stored with query secrets redacted. */
export const JournalEntry = lazySchema((z) =>
  z
    .object({
      jobId: z.string(),
      /** The backend target (base URL or `local:<name>`). */
      target: z.string(),
      /** How the backend was spoken to: a protocol dialect (`v3`, `v2`, `v1`, `g1`) or a target scheme (`local`). */
      dialect: z.string().optional(),
      submittedAt: z.iso.datetime(),
      /** When `state` last changed. */
      updatedAt: z.iso.datetime().optional(),
      /** sha256 of the payload's canonical JSON. */
      payloadHash: z.string(),
      /** Where the payload is stored, relative to the journal folder. */
      payloadFile: z.string(),
      /** Hash of the backend configuration the payload was compiled against (see `configHash`). */
      configHash: z.string().optional(),
      scan: ScanRecord.optional(),
      notes: z.string().optional(),
      tags: z.array(z.string()).optional(),
      /** The run the job belongs to. */
      runId: z.string().optional(),
      /** The original experiment name of each of this job's experiments, in order, when a run split a payload. */
      originals: z.array(z.string()).optional(),
      /** Last known state. */
      state: JournalState,
      /** The server's texts when the job ended in ERROR. */
      failure: z.object({ detail: z.string().nullable(), errorMessage: z.string().nullable() }).optional(),
      /** Where the result is stored once fetched, relative to the journal folder. */
      resultFile: z.string().optional(),
    })
    .meta({ id: 'JournalEntry', title: 'Job journal entry' }),
);
export type JournalEntry = z.output<typeof JournalEntry>;

/**
 * A submission written ahead of `post_job`. If the process dies between the server accepting the
 * job and the journal recording its id, this is what remains: the job may exist on the server,
 * known only by its payload (the protocol cannot look a job up by payload, so a person must check).
 */
export const PendingSubmission = lazySchema((z) =>
  z
    .object({
      key: z.string(),
      target: z.string(),
      payloadHash: z.string(),
      payloadFile: z.string(),
      startedAt: z.iso.datetime(),
      /** The run the submission belongs to, and the original names of its experiments, when a run split a payload. */
      runId: z.string().optional(),
      originals: z.array(z.string()).optional(),
    })
    .meta({ id: 'PendingSubmission', title: 'Pending submission' }),
);
export type PendingSubmission = z.output<typeof PendingSubmission>;

/** The run a pending submission belongs to. */
export interface PendingRun {
  readonly runId?: string | undefined;
  readonly originals?: readonly string[] | undefined;
}

/** What a caller gives the journal for a newly accepted job. */
export interface JournalEntryInput {
  readonly jobId: string;
  /** The backend target; query secrets are redacted before storing. */
  readonly target: string;
  readonly payload: JobPayload;
  /** The status `post_job` answered. */
  readonly status: JobStatus;
  readonly dialect?: string;
  readonly configHash?: string;
  readonly scan?: ScanRecord;
  /** Free text, at most 500 characters. */
  readonly notes?: string;
  readonly tags?: readonly string[];
  readonly runId?: string;
  readonly originals?: readonly string[];
}

/** A state change to record; the texts are kept when the state is ERROR. */
export interface JournalStatePatch {
  readonly state: JournalState;
  readonly detail?: string | null;
  readonly errorMessage?: string | null;
}

/** A durable record of every job a server accepted. */
export interface JobJournal {
  /**
   * Writes a pending submission before the payload is sent; returns its key. `run` names the run
   * and experiments it carries, so that a later resume can tell which experiments have an unknown
   * outcome (and must not be sent again silently).
   */
  beginSubmission(target: string, payload: JobPayload, run?: PendingRun): Promise<string>;
  /** Drops a pending submission: it was recorded as a job, or the server provably holds no job. */
  endSubmission(key: string): Promise<void>;
  /** Submissions whose outcome is unknown (the process died, or the answer was lost). */
  pending(): Promise<PendingSubmission[]>;
  /** Records an accepted job; resolves once the entry is durable. */
  record(input: JournalEntryInput): Promise<JournalEntry>;
  /** Records a job's last known state; a job not in this journal is left alone. */
  update(jobId: string, patch: JournalStatePatch): Promise<void>;
  /** Stores a fetched result beside the journal and marks the job DONE; a job not in this journal is left alone. */
  saveResult(jobId: string, result: JobResult): Promise<void>;
  get(jobId: string): Promise<JournalEntry | undefined>;
  /** Every entry, oldest submission first. */
  list(): Promise<JournalEntry[]>;
  payload(jobId: string): Promise<JobPayload | undefined>;
  result(jobId: string): Promise<JobResult | undefined>;
}

/** Options of `retrieve` that a resumed job is attached with. */
export interface RetrieveOptions {
  /** The journal that records this job's states and result. @default the backend's journal */
  readonly journal?: JobJournal;
}

/** Anything that attaches to a job id (a `JobsBackend`). */
export interface Retriever {
  retrieve(jobId: string, options?: RetrieveOptions): JobHandle;
}

/**
 * Handles for every journaled job not yet DONE, ERROR or LOST, in journal order, through backends
 * the resolver makes from targets (one per target; it may answer with a promise, e.g. after
 * reading a token). Each handle records its states and result in this journal. Nothing is polled
 * until a handle is subscribed to; pending submissions are listed by `journal.pending()`.
 */
export async function resumeJobs(journal: JobJournal, backendFor: (target: string) => Retriever | PromiseLike<Retriever>): Promise<JobHandle[]> {
  const unfinished = (await journal.list()).filter((e) => !isFinishedEntry(e));
  const backends = new Map<string, Promise<Retriever>>();
  return Promise.all(
    unfinished.map(async (entry) => {
      let backend = backends.get(entry.target);
      if (!backend) {
        backend = Promise.resolve().then(() => backendFor(entry.target));
        backends.set(entry.target, backend);
      }
      return (await backend).retrieve(entry.jobId, { journal });
    }),
  );
}
