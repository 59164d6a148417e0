import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ColdAtomError } from '../errors.js';
import { writeFileDurably } from '../internal/atomic-write.js';
import { redactUrl } from '../internal/redact.js';
import { JobPayload } from '../protocol/payload.js';
import { JobResult } from '../protocol/result.js';
import type { JobHandle } from './job-handle-types.js';
import { parseJobMetadata } from './job-metadata.js';
import { JournalEntry, PendingSubmission, isFinishedEntry, resumeJobs, type JobJournal, type JournalEntryInput, type JournalStatePatch, type PendingRun, type Retriever } from './journal.js';
import { sha256Json } from './payload-hash.js';

/** A journal file that cannot be read back (hand-edited, or from an incompatible version). */
export class JournalReadError extends ColdAtomError {
  override readonly name = 'JournalReadError' as const;
  readonly file: string;

  constructor(file: string, reason: string, cause?: unknown) {
    super(`Journal file ${file} cannot be read: ${reason}`, { cause });
    this.file = file;
  }
}

/** A journal file that could not be read and was moved aside. */
export interface SetAsideNotice {
  /** Where it was. */
  readonly file: string;
  /** Where it is now (under the journal's `corrupt/` folder). */
  readonly movedTo: string;
  /** Why it could not be read. */
  readonly reason: string;
}

/** Options of {@link FileJobJournal}. */
export interface FileJobJournalOptions {
  /**
   * Told of each unreadable file set aside while listing (a hand-edited or truncated entry): the
   * listing goes on without it instead of failing for every other job.
   */
  readonly onSetAside?: (notice: SetAsideNotice) => void;
}

// Ids that are already plain file names are kept readable; anything else (slashes, dots first,
// other characters) is hashed. A readable name never contains "~", so the two forms cannot collide.
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const fileNameOf = (jobId: string): string => `${SAFE_ID.test(jobId) ? jobId : `~${createHash('sha256').update(jobId).digest('hex')}`}.json`;

/**
 * A journal in a folder, one file per concern, each written atomically and durably (temp file,
 * fsync, rename), so after a crash every file is either its old or its new version:
 *
 * - `jobs/<id>.json`: the {@link JournalEntry} of each accepted job;
 * - `payloads/<sha256>.json`: each payload, by the hash of its canonical JSON;
 * - `results/<id>.json`: each fetched result;
 * - `pending/<key>.json`: submissions written ahead of `post_job` whose answer is not recorded.
 *
 * Tokens are never written: targets are stored with query secrets redacted, and nothing else a
 * journal stores comes from credentials.
 *
 * @example
 * const journal = new FileJobJournal(`${os.homedir()}/.config/coldatom/journal`);
 * const backend = backendFor(url, { token, jobs: { journal } });
 * const handles = await journal.resume((target) => backendFor(target, { token, jobs: { journal } }));
 */
export class FileJobJournal implements JobJournal {
  /** The journal folder. */
  readonly directory: string;
  // Serializes the read-modify-write of each job's entry, so a late state never overwrites a newer one.
  readonly #queues = new Map<string, Promise<unknown>>();

  readonly #onSetAside: ((notice: SetAsideNotice) => void) | undefined;

  constructor(directory: string, options: FileJobJournalOptions = {}) {
    this.directory = directory;
    this.#onSetAside = options.onSetAside;
  }

  /**
   * Moves an unreadable file out of the journal's way (into `corrupt/`, under its folder and the
   * time), so one bad file never blocks the others; tells `onSetAside`.
   */
  async #setAside(error: JournalReadError): Promise<void> {
    const relative = path.relative(this.directory, error.file);
    const movedTo = path.join(this.directory, 'corrupt', `${relative}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
    await mkdir(path.dirname(movedTo), { recursive: true, mode: 0o700 });
    await rename(error.file, movedTo).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code !== 'ENOENT') throw cause;
    });
    this.#onSetAside?.({ file: error.file, movedTo, reason: error.message });
  }

  #entryPath(jobId: string): string {
    return path.join(this.directory, 'jobs', fileNameOf(jobId));
  }

  #serial<T>(jobId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.#queues.get(jobId) ?? Promise.resolve()).then(work, work);
    const settled = next.catch(() => undefined);
    this.#queues.set(jobId, settled);
    void settled.then(() => {
      if (this.#queues.get(jobId) === settled) this.#queues.delete(jobId);
    });
    return next;
  }

  async #write(file: string, value: unknown): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFileDurably(file, `${JSON.stringify(value, null, 2)}\n`);
  }

  async #read<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new JournalReadError(file, (error as Error).message, error);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new JournalReadError(file, 'it is not JSON', error);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new JournalReadError(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '), parsed.error);
    return parsed.data;
  }

  async #readAll<T>(folder: string, schema: z.ZodType<T>): Promise<T[]> {
    const dir = path.join(this.directory, folder);
    const files = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    // write-file-atomic's temp files end in a random suffix, not ".json".
    const entries = await Promise.all(
      files.filter((f) => f.endsWith('.json')).map(async (f) => {
        try {
          return await this.#read(path.join(dir, f), schema);
        } catch (error) {
          if (!(error instanceof JournalReadError)) throw error;
          await this.#setAside(error);
          return undefined;
        }
      }),
    );
    return entries.filter((e): e is Awaited<T> => e !== undefined);
  }

  async #writePayload(payload: JobPayload): Promise<{ payloadHash: string; payloadFile: string }> {
    const payloadHash = sha256Json(payload);
    const payloadFile = path.posix.join('payloads', `${payloadHash}.json`);
    await this.#write(path.join(this.directory, payloadFile), payload);
    return { payloadHash, payloadFile };
  }

  async beginSubmission(target: string, payload: JobPayload, run: PendingRun = {}): Promise<string> {
    const key = randomUUID();
    const pending: PendingSubmission = {
      key,
      target: redactUrl(target),
      ...(await this.#writePayload(payload)),
      startedAt: new Date().toISOString(),
      ...(run.runId === undefined ? {} : { runId: run.runId }),
      ...(run.originals === undefined ? {} : { originals: [...run.originals] }),
    };
    await this.#write(path.join(this.directory, 'pending', `${key}.json`), pending);
    return key;
  }

  async endSubmission(key: string): Promise<void> {
    await rm(path.join(this.directory, 'pending', `${key}.json`), { force: true });
  }

  async pending(): Promise<PendingSubmission[]> {
    return (await this.#readAll('pending', PendingSubmission)).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  async record(input: JournalEntryInput): Promise<JournalEntry> {
    const metadata = parseJobMetadata({ scan: input.scan, notes: input.notes, tags: input.tags });
    const { payloadHash, payloadFile } = await this.#writePayload(input.payload);
    const now = new Date().toISOString();
    const entry: JournalEntry = {
      jobId: input.jobId,
      target: redactUrl(input.target),
      ...(input.dialect === undefined ? {} : { dialect: input.dialect }),
      submittedAt: now,
      updatedAt: now,
      payloadHash,
      payloadFile,
      ...(input.configHash === undefined ? {} : { configHash: input.configHash }),
      ...metadata,
      ...(input.runId === undefined ? {} : { runId: input.runId }),
      ...(input.originals === undefined ? {} : { originals: [...input.originals] }),
      state: input.status.state ?? 'SUBMITTED',
    };
    await this.#serial(input.jobId, () => this.#write(this.#entryPath(input.jobId), entry));
    return entry;
  }

  async update(jobId: string, patch: JournalStatePatch): Promise<void> {
    await this.#serial(jobId, async () => {
      const entry = await this.get(jobId);
      // A DONE entry with a stored result is final: a late or stray status must not undo it.
      if (!entry || entry.state === patch.state || entry.resultFile) return;
      const failure = patch.state === 'ERROR' || patch.state === 'LOST' ? { failure: { detail: patch.detail ?? null, errorMessage: patch.errorMessage ?? null } } : {};
      await this.#write(this.#entryPath(jobId), { ...entry, state: patch.state, updatedAt: new Date().toISOString(), ...failure });
    });
  }

  async saveResult(jobId: string, result: JobResult): Promise<void> {
    await this.#serial(jobId, async () => {
      const entry = await this.get(jobId);
      if (!entry) return;
      // The result file first: an entry never points at a result that is not there.
      const resultFile = path.posix.join('results', fileNameOf(jobId));
      await this.#write(path.join(this.directory, resultFile), result);
      await this.#write(this.#entryPath(jobId), { ...entry, state: 'DONE', updatedAt: new Date().toISOString(), resultFile });
    });
  }

  async get(jobId: string): Promise<JournalEntry | undefined> {
    return this.#read(this.#entryPath(jobId), JournalEntry);
  }

  async list(): Promise<JournalEntry[]> {
    return (await this.#readAll('jobs', JournalEntry)).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  }

  async payload(jobId: string): Promise<JobPayload | undefined> {
    const entry = await this.get(jobId);
    return entry ? this.#read(path.join(this.directory, entry.payloadFile), JobPayload) : undefined;
  }

  /**
   * The stored result. A result file that is gone or cannot be read is set aside and forgotten
   * (the entry keeps its state), so the caller fetches the result from the server again.
   */
  async result(jobId: string): Promise<JobResult | undefined> {
    const entry = await this.get(jobId);
    if (!entry?.resultFile) return undefined;
    let stored: JobResult | undefined;
    try {
      stored = await this.#read(path.join(this.directory, entry.resultFile), JobResult);
    } catch (error) {
      if (!(error instanceof JournalReadError)) throw error;
      await this.#setAside(error);
    }
    if (stored) return stored;
    await this.#serial(jobId, async () => {
      const current = await this.get(jobId);
      if (!current?.resultFile) return;
      const { resultFile: _dropped, ...rest } = current;
      await this.#write(this.#entryPath(jobId), { ...rest, updatedAt: new Date().toISOString() });
    });
    return undefined;
  }

  /**
   * Removes a job from the journal (its entry and stored result; payloads may be shared and stay).
   * A job that has not finished (DONE, ERROR or LOST) is kept unless `force` is set: forgetting it
   * would lose the only record that it exists on its server.
   */
  async forget(jobId: string, options: { readonly force?: boolean } = {}): Promise<JournalEntry | undefined> {
    return this.#serial(jobId, async () => {
      const entry = await this.get(jobId);
      if (!entry) return undefined;
      if (!isFinishedEntry(entry) && options.force !== true) {
        throw new ColdAtomError(`Job ${jobId} is ${entry.state}, not finished: the journal is the only record that it exists on ${entry.target}. Forget it anyway with force`);
      }
      if (entry.resultFile) await rm(path.join(this.directory, entry.resultFile), { force: true });
      await rm(this.#entryPath(jobId), { force: true });
      return entry;
    });
  }

  /** Forgets every finished job last updated before `olderThanMs` ago; unfinished jobs are never pruned. Returns the forgotten entries. */
  async prune(options: { readonly olderThanMs: number; readonly nowMs?: number }): Promise<JournalEntry[]> {
    const cutoff = (options.nowMs ?? Date.now()) - options.olderThanMs;
    const old = (await this.list()).filter((e) => isFinishedEntry(e) && Date.parse(e.updatedAt ?? e.submittedAt) < cutoff);
    const forgotten: JournalEntry[] = [];
    for (const entry of old) {
      const gone = await this.forget(entry.jobId);
      if (gone) forgotten.push(gone);
    }
    return forgotten;
  }

  /**
   * Handles for every unfinished job of this journal (see {@link resumeJobs}); each records its
   * states and result here.
   */
  resume(backendFor: (target: string) => Retriever): Promise<JobHandle[]> {
    return resumeJobs(this, backendFor);
  }
}
