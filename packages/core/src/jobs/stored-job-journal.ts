import type { z } from 'zod';
import { ColdAtomError } from '../errors.js';
import { redactUrl } from '../internal/redact.js';
import { JobPayload } from '../protocol/payload.js';
import { JobResult } from '../protocol/result.js';
import type { JobHandle } from './job-handle-types.js';
import { parseJobMetadata } from './job-metadata.js';
import {
  JournalEntry,
  PendingSubmission,
  isFinishedEntry,
  resumeJobs,
  type JobJournal,
  type JournalEntryInput,
  type JournalStatePatch,
  type PendingRun,
  type Retriever,
} from './journal.js';
import { sha256Hex, sha256Json } from './payload-hash.js';

/** The parts of a journal: entries, payloads (by hash), results, submissions written ahead. */
export type JournalFolder = 'jobs' | 'payloads' | 'results' | 'pending';

/** A record that cannot be read back (hand-edited, truncated, or from an incompatible version). */
export class JournalReadError extends ColdAtomError {
  override readonly name = 'JournalReadError' as const;
  /** Where the record is (a file path, or the store and key). */
  readonly file: string;

  constructor(file: string, reason: string, cause?: unknown) {
    super(`Journal file ${file} cannot be read: ${reason}`, { cause });
    this.file = file;
  }
}

/** A record that could not be read and was moved out of the way. */
export interface SetAsideNotice {
  /** Where it was. */
  readonly file: string;
  /** Where it is now. */
  readonly movedTo: string;
  /** Why it could not be read. */
  readonly reason: string;
}

/**
 * Where a journal keeps its records: text by folder and name. Each write is all or nothing (the
 * old text or the new one after a crash). `FileJobJournal` keeps them in files, `IndexedDbJobJournal`
 * in a browser's IndexedDB.
 */
export interface JournalStorage {
  /** The record's text, or undefined when there is none; throws JournalReadError when it cannot be read. */
  read(folder: JournalFolder, name: string): Promise<string | undefined>;
  write(folder: JournalFolder, name: string, text: string): Promise<void>;
  /** Removes a record; no error when there is none. */
  remove(folder: JournalFolder, name: string): Promise<void>;
  /** The names of a folder's records. */
  names(folder: JournalFolder): Promise<string[]>;
  /** Moves an unreadable record out of the way; answers where to. */
  setAside(folder: JournalFolder, name: string): Promise<string>;
  /** A human-readable location of a record, for messages. */
  describe(folder: JournalFolder, name: string): string;
}

// Ids that are already plain file names are kept readable; anything else (slashes, dots first,
// other characters) is hashed. A readable name never contains "~", so the two forms cannot collide.
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const recordNameOf = (jobId: string): string => `${SAFE_ID.test(jobId) ? jobId : `~${sha256Hex(jobId)}`}.json`;

/** `results/<name>` → its folder and name. */
function splitLocation(location: string): { readonly folder: JournalFolder; readonly name: string } {
  const [folder, ...rest] = location.split('/');
  return { folder: folder as JournalFolder, name: rest.join('/') };
}

/**
 * The journal's rules over any {@link JournalStorage}: an entry per accepted job, payloads stored
 * once by the hash of their canonical JSON, results beside them, submissions written ahead of
 * `post_job`; per-job read-modify-writes serialized so a late state never overwrites a newer one;
 * unreadable records set aside (and reported) instead of blocking the others.
 */
export class StoredJobJournal implements JobJournal {
  readonly #storage: JournalStorage;
  readonly #onSetAside: ((notice: SetAsideNotice) => void) | undefined;
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(storage: JournalStorage, onSetAside?: (notice: SetAsideNotice) => void) {
    this.#storage = storage;
    this.#onSetAside = onSetAside;
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

  async #setAside(folder: JournalFolder, name: string, error: JournalReadError): Promise<void> {
    const movedTo = await this.#storage.setAside(folder, name);
    this.#onSetAside?.({ file: error.file, movedTo, reason: error.message });
  }

  #write(folder: JournalFolder, name: string, value: unknown): Promise<void> {
    return this.#storage.write(folder, name, `${JSON.stringify(value, null, 2)}\n`);
  }

  async #read<T>(folder: JournalFolder, name: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const text = await this.#storage.read(folder, name);
    if (text === undefined) return undefined;
    const where = this.#storage.describe(folder, name);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new JournalReadError(where, 'it is not JSON', error);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new JournalReadError(where, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '), parsed.error);
    return parsed.data;
  }

  /** A record, or undefined when it is missing or unreadable (an unreadable one is set aside). */
  async #readOrSetAside<T>(folder: JournalFolder, name: string, schema: z.ZodType<T>): Promise<T | undefined> {
    try {
      return await this.#read(folder, name, schema);
    } catch (error) {
      if (!(error instanceof JournalReadError)) throw error;
      await this.#setAside(folder, name, error);
      return undefined;
    }
  }

  async #readAll<T>(folder: JournalFolder, schema: z.ZodType<T>): Promise<T[]> {
    const names = (await this.#storage.names(folder)).filter((n) => n.endsWith('.json'));
    const records = await Promise.all(names.map((name) => this.#readOrSetAside(folder, name, schema)));
    return records.filter((r): r is Awaited<T> => r !== undefined);
  }

  async #writePayload(payload: JobPayload): Promise<{ payloadHash: string; payloadFile: string }> {
    const payloadHash = sha256Json(payload);
    await this.#write('payloads', `${payloadHash}.json`, payload);
    return { payloadHash, payloadFile: `payloads/${payloadHash}.json` };
  }

  async beginSubmission(target: string, payload: JobPayload, run: PendingRun = {}): Promise<string> {
    const key = globalThis.crypto.randomUUID();
    const pending: PendingSubmission = {
      key,
      target: redactUrl(target),
      ...(await this.#writePayload(payload)),
      startedAt: new Date().toISOString(),
      ...(run.runId === undefined ? {} : { runId: run.runId }),
      ...(run.originals === undefined ? {} : { originals: [...run.originals] }),
    };
    await this.#write('pending', `${key}.json`, pending);
    return key;
  }

  async endSubmission(key: string): Promise<void> {
    await this.#storage.remove('pending', `${key}.json`);
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
    await this.#serial(input.jobId, () => this.#write('jobs', recordNameOf(input.jobId), entry));
    return entry;
  }

  async update(jobId: string, patch: JournalStatePatch): Promise<void> {
    await this.#serial(jobId, async () => {
      const entry = await this.get(jobId);
      // A DONE entry with a stored result is final: a late or stray status must not undo it.
      if (!entry || entry.state === patch.state || entry.resultFile) return;
      const failure =
        patch.state === 'ERROR' || patch.state === 'LOST' ? { failure: { detail: patch.detail ?? null, errorMessage: patch.errorMessage ?? null } } : {};
      await this.#write('jobs', recordNameOf(jobId), { ...entry, state: patch.state, updatedAt: new Date().toISOString(), ...failure });
    });
  }

  async saveResult(jobId: string, result: JobResult): Promise<void> {
    await this.#serial(jobId, async () => {
      const entry = await this.get(jobId);
      if (!entry) return;
      // The result first: an entry never points at a result that is not there.
      const name = recordNameOf(jobId);
      await this.#write('results', name, result);
      await this.#write('jobs', name, { ...entry, state: 'DONE', updatedAt: new Date().toISOString(), resultFile: `results/${name}` });
    });
  }

  async get(jobId: string): Promise<JournalEntry | undefined> {
    return this.#read('jobs', recordNameOf(jobId), JournalEntry);
  }

  async list(): Promise<JournalEntry[]> {
    return (await this.#readAll('jobs', JournalEntry)).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  }

  async payload(jobId: string): Promise<JobPayload | undefined> {
    const entry = await this.get(jobId);
    if (!entry) return undefined;
    const { folder, name } = splitLocation(entry.payloadFile);
    return this.#read(folder, name, JobPayload);
  }

  /**
   * The stored result. A result that is gone or cannot be read is set aside and forgotten (the
   * entry keeps its state), so the caller fetches the result from the server again.
   */
  async result(jobId: string): Promise<JobResult | undefined> {
    const entry = await this.get(jobId);
    if (!entry?.resultFile) return undefined;
    const { folder, name } = splitLocation(entry.resultFile);
    const stored = await this.#readOrSetAside(folder, name, JobResult);
    if (stored) return stored;
    await this.#serial(jobId, async () => {
      const current = await this.get(jobId);
      if (!current?.resultFile) return;
      const { resultFile: _forgotten, ...rest } = current;
      await this.#write('jobs', recordNameOf(jobId), { ...rest, updatedAt: new Date().toISOString() });
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
        throw new ColdAtomError(
          `Job ${jobId} is ${entry.state}, not finished: the journal is the only record that it exists on ${entry.target}. Forget it anyway with force`,
        );
      }
      if (entry.resultFile) {
        const { folder, name } = splitLocation(entry.resultFile);
        await this.#storage.remove(folder, name);
      }
      await this.#storage.remove('jobs', recordNameOf(jobId));
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
  resume(backendFor: (target: string) => Retriever | PromiseLike<Retriever>): Promise<JobHandle[]> {
    return resumeJobs(this, backendFor);
  }
}
