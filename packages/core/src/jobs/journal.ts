import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ColdAtomError } from '../errors.js';
import { writeFileDurably } from '../internal/atomic-write.js';
import { redactUrl } from '../internal/redact.js';
import type { JobPayload } from '../protocol/payload.js';
import type { JobResult } from '../protocol/result.js';
import type { JobState, JobStatus } from '../protocol/status.js';
import type { JobHandle } from './job-handle-types.js';

/** Scan metadata: which parameter values each experiment was compiled with. */
export interface ScanRecord {
  readonly parameters: readonly string[];
  readonly points: readonly { readonly experiment: string; readonly values: Readonly<Record<string, number>> }[];
}

/** What a caller gives the journal for a newly accepted job. */
export interface JournalEntryInput {
  readonly jobId: string;
  /** The backend target (base URL or `local:<name>`); query secrets are redacted before storing. */
  readonly target: string;
  readonly payload: JobPayload;
  readonly status: JobStatus;
  readonly dialect?: string;
  /** Hash of the configuration the payload was compiled and validated against. */
  readonly configHash?: string;
  readonly scan?: ScanRecord;
  /** Free text, at most 500 characters (as Oqtant's job notes). */
  readonly notes?: string;
  readonly tags?: readonly string[];
  /** Groups the jobs of one run. */
  readonly runId?: string;
}

/** One journal entry. Never holds a token. */
export interface JournalEntry {
  readonly jobId: string;
  readonly target: string;
  readonly dialect?: string;
  readonly submittedAt: string;
  readonly payloadHash: string;
  readonly configHash?: string;
  readonly scan?: ScanRecord;
  readonly notes?: string;
  readonly tags?: readonly string[];
  readonly runId?: string;
  /** Last known state. */
  readonly state: JobState;
  /** Where the result is stored once fetched, relative to the journal folder. */
  readonly resultFile?: string;
  /** Where the payload is stored, relative to the journal folder. */
  readonly payloadFile: string;
}

/**
 * A submission written ahead of `post_job`: if the process dies between the server accepting the
 * job and the journal recording its id, this is what remains — the job may exist on the server,
 * identified by its payload (the protocol has no lookup by payload, so a person must check).
 */
export interface PendingSubmission {
  readonly key: string;
  readonly target: string;
  readonly payloadHash: string;
  readonly payloadFile: string;
  readonly startedAt: string;
}

/** A durable record of every job a server accepted. */
export interface JobJournal {
  /** Writes a pending submission before the payload is sent; returns its key. */
  beginSubmission(target: string, payload: JobPayload): Promise<string>;
  /** Drops a pending submission: it was recorded as a job, or the server provably has no job. */
  endSubmission(key: string): Promise<void>;
  /** Submissions whose outcome is unknown (the process died, or the answer was lost). */
  pending(): Promise<PendingSubmission[]>;
  record(input: JournalEntryInput): Promise<JournalEntry>;
  update(jobId: string, patch: { readonly state: JobState }): Promise<void>;
  saveResult(jobId: string, result: JobResult): Promise<void>;
  get(jobId: string): Promise<JournalEntry | undefined>;
  list(): Promise<JournalEntry[]>;
  payload(jobId: string): Promise<JobPayload | undefined>;
  result(jobId: string): Promise<JobResult | undefined>;
}

/** The sha256 of a value's JSON, as a hex string. */
export function sha256Json(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

const MAX_NOTES_CHARS = 500;
const fileSafe = (jobId: string): string => encodeURIComponent(jobId).replaceAll('%', '_');

/**
 * A journal in a folder: one JSON file per job (`jobs/`), payloads by hash (`payloads/`), results
 * (`results/`), each written atomically (temp file, fsync, rename).
 */
export class FileJobJournal implements JobJournal {
  readonly directory: string;
  // Serializes writes per job, so a late state update never overwrites a newer one.
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(directory: string) {
    this.directory = directory;
  }

  #entryPath(jobId: string): string {
    return path.join(this.directory, 'jobs', `${fileSafe(jobId)}.json`);
  }

  #serial<T>(jobId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.#queues.get(jobId) ?? Promise.resolve()).then(work, work);
    this.#queues.set(jobId, next.catch(() => undefined));
    return next;
  }

  async #write(file: string, value: unknown): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFileDurably(file, `${JSON.stringify(value, null, 2)}\n`);
  }

  async #writePayload(payload: JobPayload): Promise<{ payloadHash: string; payloadFile: string }> {
    const payloadHash = sha256Json(payload);
    const payloadFile = path.posix.join('payloads', `${payloadHash}.json`);
    await this.#write(path.join(this.directory, payloadFile), payload);
    return { payloadHash, payloadFile };
  }

  async beginSubmission(target: string, payload: JobPayload): Promise<string> {
    const key = randomUUID();
    const pending: PendingSubmission = { key, target: redactUrl(target), ...(await this.#writePayload(payload)), startedAt: new Date().toISOString() };
    await this.#write(path.join(this.directory, 'pending', `${key}.json`), pending);
    return key;
  }

  async endSubmission(key: string): Promise<void> {
    await rm(path.join(this.directory, 'pending', `${key}.json`), { force: true });
  }

  async pending(): Promise<PendingSubmission[]> {
    const dir = path.join(this.directory, 'pending');
    const files = await readdir(dir).catch(() => [] as string[]);
    return Promise.all(files.filter((f) => f.endsWith('.json')).map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as PendingSubmission));
  }

  /** Records an accepted job; resolves once the entry is durable. */
  async record(input: JournalEntryInput): Promise<JournalEntry> {
    if (input.notes !== undefined && input.notes.length > MAX_NOTES_CHARS) {
      throw new ColdAtomError(`Job notes are limited to ${MAX_NOTES_CHARS} characters (got ${input.notes.length})`);
    }
    const { payloadHash, payloadFile } = await this.#writePayload(input.payload);
    const entry: JournalEntry = {
      jobId: input.jobId,
      target: redactUrl(input.target),
      ...(input.dialect === undefined ? {} : { dialect: input.dialect }),
      submittedAt: new Date().toISOString(),
      payloadHash,
      ...(input.configHash === undefined ? {} : { configHash: input.configHash }),
      ...(input.scan === undefined ? {} : { scan: input.scan }),
      ...(input.notes === undefined ? {} : { notes: input.notes }),
      ...(input.tags === undefined ? {} : { tags: input.tags }),
      ...(input.runId === undefined ? {} : { runId: input.runId }),
      state: input.status.state ?? 'SUBMITTED',
      payloadFile,
    };
    await this.#serial(input.jobId, () => this.#write(this.#entryPath(input.jobId), entry));
    return entry;
  }

  async update(jobId: string, patch: { readonly state: JobState }): Promise<void> {
    await this.#serial(jobId, async () => {
      const entry = await this.get(jobId);
      if (entry && entry.state !== patch.state) await this.#write(this.#entryPath(jobId), { ...entry, ...patch });
    });
  }

  async saveResult(jobId: string, result: JobResult): Promise<void> {
    const resultFile = path.posix.join('results', `${fileSafe(jobId)}.json`);
    await this.#write(path.join(this.directory, resultFile), result);
    await this.#serial(jobId, async () => {
      const entry = await this.get(jobId);
      if (entry) await this.#write(this.#entryPath(jobId), { ...entry, state: 'DONE', resultFile });
    });
  }

  async get(jobId: string): Promise<JournalEntry | undefined> {
    try {
      return JSON.parse(await readFile(this.#entryPath(jobId), 'utf8')) as JournalEntry;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Every entry, oldest submission first. */
  async list(): Promise<JournalEntry[]> {
    const dir = path.join(this.directory, 'jobs');
    const files = await readdir(dir).catch(() => [] as string[]);
    const entries = await Promise.all(files.filter((f) => f.endsWith('.json')).map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as JournalEntry));
    return entries.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  }

  async payload(jobId: string): Promise<JobPayload | undefined> {
    const entry = await this.get(jobId);
    return entry ? (JSON.parse(await readFile(path.join(this.directory, entry.payloadFile), 'utf8')) as JobPayload) : undefined;
  }

  async result(jobId: string): Promise<JobResult | undefined> {
    const entry = await this.get(jobId);
    return entry?.resultFile ? (JSON.parse(await readFile(path.join(this.directory, entry.resultFile), 'utf8')) as JobResult) : undefined;
  }
}

/** Anything that attaches to a job id (a `JobsBackend`). */
export interface Retriever {
  retrieve(jobId: string): JobHandle;
}

/** Handles for every journaled job not yet DONE or ERROR, through backends the resolver makes from targets. */
export async function resumeJobs(journal: JobJournal, backendFor: (target: string) => Retriever): Promise<JobHandle[]> {
  const pending = (await journal.list()).filter((e) => e.state !== 'DONE' && e.state !== 'ERROR');
  const backends = new Map<string, Retriever>();
  return pending.map((entry) => {
    let backend = backends.get(entry.target);
    if (!backend) {
      backend = backendFor(entry.target);
      backends.set(entry.target, backend);
    }
    return backend.retrieve(entry.jobId);
  });
}
