import { mkdtemp, open, rm, unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ColdAtomError } from '@coldatom/core';
import { compactResultPieces, type CompactResult } from '../runner/compact-result.js';
import type { StoredResult } from '../runner/job-documents.js';
import { pythonJsonPieces } from './python-json.js';

/** Options of the server's result store: how many bytes of finished results it holds, and where. */
export interface ResultStoreOptions {
  /**
   * Serialised results held in memory, in all. Beyond it the oldest spill to disk; a single result
   * larger than a quarter of it is written to disk as it is serialised. 0 puts every result on disk.
   * @default 67108864 (64 MiB) @unit bytes
   */
  readonly memoryBytes?: number;
  /**
   * Results held on disk, in all. Beyond it the oldest results are forgotten with their jobs (their
   * ids then read as unknown: 406 "Missing status file"); a job whose result alone is larger (and
   * too large for memory) ends in ERROR. 0: nothing spills, results beyond `memoryBytes` are forgotten.
   * @default 2147483648 (2 GiB) @unit bytes
   */
  readonly diskBytes?: number;
  /** How long a finished result is kept; older ones are forgotten with their jobs. @default 86400000 (24 h) @unit milliseconds */
  readonly maxAgeMs?: number;
  /**
   * Folder in which the server makes its own data directory (`coldatom-serve-XXXXXX`, mode 0700)
   * for spilled results; `close()` removes it. Prefer a real disk where `os.tmpdir()` is a RAM disk.
   * @default os.tmpdir()
   */
  readonly directory?: string;
}

/** A result cannot be stored within the store's limits (the job then ends in ERROR with this message). */
export class ResultStoreError extends ColdAtomError {
  override readonly name = 'ResultStoreError' as const;
}

/** A stored result, ready to send: its exact size and a stream of its bytes. */
export class StoredBody {
  constructor(
    readonly bytes: number,
    readonly stream: Readable,
  ) {}
}

/** Where a result's text is: in memory, or in a file (spilled, or too big to hold from the start). */
type Held = { readonly chunks: readonly Buffer[] } | { readonly file: string };

interface Entry {
  readonly keptAt: number;
  readonly bytes: number;
  /** Moves from memory to a file when the result is spilled. */
  held: Held;
}

const DEFAULTS = { memoryBytes: 64 * 2 ** 20, diskBytes: 2 * 2 ** 30, maxAgeMs: 86_400_000 } as const;
/** Serialisation runs at most this long before letting other requests through. */
const SLICE_MS = 5;
const CHUNK_CHARS = 256 * 1024;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Finished results, bounded in bytes: each result is serialised as the reference serves it
 * (Python `json.dumps` text) a slice at a time, yielding to the event loop between slices, then
 * held in memory up to `memoryBytes` and spilled to files beyond; results beyond `diskBytes` or
 * older than `maxAgeMs` are forgotten, and `onEvict` tells the runner to forget their jobs too.
 * Results are served as streams, so sending one never holds or serialises it whole.
 */
export class ResultStore {
  readonly #memoryBytes: number;
  readonly #diskBytes: number;
  readonly #maxAgeMs: number;
  readonly #parent: string;
  readonly #onEvict: (jobId: string) => void;
  /** In the order kept: the first is the oldest. */
  readonly #entries = new Map<string, Entry>();
  #memoryUsed = 0;
  #diskUsed = 0;
  #directory: string | undefined;
  #files = 0;
  #sweeper: NodeJS.Timeout | undefined;
  #spilling: Promise<void> = Promise.resolve();

  constructor(options: ResultStoreOptions, onEvict: (jobId: string) => void) {
    this.#memoryBytes = options.memoryBytes ?? DEFAULTS.memoryBytes;
    this.#diskBytes = options.diskBytes ?? DEFAULTS.diskBytes;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULTS.maxAgeMs;
    this.#parent = options.directory ?? tmpdir();
    this.#onEvict = onEvict;
  }

  /** Bytes held in memory and on disk (for operators and tests). */
  get usage(): { readonly memoryBytes: number; readonly diskBytes: number; readonly results: number } {
    return { memoryBytes: this.#memoryUsed, diskBytes: this.#diskUsed, results: this.#entries.size };
  }

  /** The data directory, once {@link start}ed. */
  get directory(): string | undefined {
    return this.#directory;
  }

  /**
   * Makes the data directory (so a bad `directory` fails at start, not at the first big result) and starts the age sweep.
   * @throws {ResultStoreError} when the directory cannot be made
   */
  async start(): Promise<void> {
    try {
      this.#directory ??= await mkdtemp(path.join(this.#parent, 'coldatom-serve-'));
    } catch (error) {
      throw new ResultStoreError(`The simulator server cannot make its data directory in ${this.#parent} (results.directory): ${errorText(error)}`, {
        cause: error,
      });
    }
    this.#sweeper ??= setInterval(() => this.#sweep(), Math.max(10, Math.min(this.#maxAgeMs, 60_000))).unref();
  }

  /**
   * Serialises and stores a DONE job's result; resolves once it can be served.
   * @throws {ResultStoreError} when the result alone is larger than `diskBytes` or cannot be written
   */
  async keep(jobId: string, result: StoredResult): Promise<void> {
    return this.#store(jobId, pythonJsonPieces(result, { floatKeys: ['params'] }));
  }

  /**
   * {@link keep} for a result with compact shots (what the runner hands over): the same text,
   * written from the shots a slice at a time, so no per-shot work happens before serialisation
   * and serialisation itself yields to the event loop.
   * @throws {ResultStoreError} as {@link keep}
   */
  async keepCompact(jobId: string, result: CompactResult): Promise<void> {
    return this.#store(jobId, compactResultPieces(result));
  }

  async #store(jobId: string, pieces: Iterable<string>): Promise<void> {
    const spillAt = Math.floor(this.#memoryBytes / 4);
    const chunks: Buffer[] = [];
    let bytes = 0;
    let file: string | undefined;
    let handle: FileHandle | undefined;
    const add = async (chunk: Buffer): Promise<void> => {
      bytes += chunk.length;
      if (bytes > spillAt && bytes > this.#diskBytes) {
        const limit =
          this.#diskBytes >= spillAt
            ? `result storage of ${this.#diskBytes} bytes (results.diskBytes)`
            : `limit of ${spillAt} bytes per result held in memory (a quarter of results.memoryBytes; results.diskBytes is ${this.#diskBytes})`;
        throw new ResultStoreError(`The job's result is larger than this server's ${limit}; submit fewer shots or experiments per job`);
      }
      if (handle) return void (await handle.write(chunk));
      chunks.push(chunk);
      this.#memoryUsed += chunk.length;
      if (bytes <= spillAt) return;
      // Too big to hold: the rest goes straight to a file.
      file = this.#newFile();
      handle = await open(file, 'wx', 0o600);
      for (const held of chunks.splice(0)) await handle.write(held);
      this.#memoryUsed -= bytes;
    };
    try {
      let batch: string[] = [];
      let batchChars = 0;
      let sliceStart = performance.now();
      for (const piece of pieces) {
        batch.push(piece);
        batchChars += piece.length;
        if (batchChars >= CHUNK_CHARS) {
          // pythonJson escapes everything outside ASCII, so latin1 is the exact (and fastest) encoding.
          await add(Buffer.from(batch.join(''), 'latin1'));
          batch = [];
          batchChars = 0;
        }
        if (performance.now() - sliceStart >= SLICE_MS) {
          await yieldToLoop();
          sliceStart = performance.now();
        }
      }
      if (batchChars > 0) await add(Buffer.from(batch.join(''), 'latin1'));
      await handle?.close();
    } catch (error) {
      if (!handle) this.#memoryUsed -= chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      await handle?.close().catch(() => {});
      if (file) await unlink(file).catch(() => {});
      if (error instanceof ResultStoreError) throw error;
      throw new ResultStoreError(`The simulator could not store the job's result: ${errorText(error)}`, { cause: error });
    }
    this.#drop(jobId);
    if (file) this.#diskUsed += bytes;
    this.#entries.set(jobId, { keptAt: Date.now(), bytes, held: file ? { file } : { chunks } });
    this.#enforce();
  }

  /** A stored result as a stream; undefined when the store does not hold it (never kept, evicted, expired). */
  async open(jobId: string): Promise<StoredBody | undefined> {
    const entry = this.#entries.get(jobId);
    if (!entry) return undefined;
    if (this.#expired(entry)) {
      this.#evict(jobId);
      return undefined;
    }
    const { held } = entry;
    if ('chunks' in held) return new StoredBody(entry.bytes, Readable.from(held.chunks));
    try {
      // Once open, the file is ours to read even if the result is evicted (unlinked) meanwhile.
      const handle = await open(held.file, 'r');
      return new StoredBody(entry.bytes, handle.createReadStream());
    } catch {
      return undefined;
    }
  }

  /** Forgets a result without telling `onEvict` (its job is already forgotten). */
  drop(jobId: string): void {
    this.#drop(jobId);
  }

  /** Stops the age sweep and removes the data directory with every spilled result. */
  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
    await this.#spilling;
    for (const jobId of [...this.#entries.keys()]) this.#drop(jobId);
    if (this.#directory) await rm(this.#directory, { recursive: true, force: true });
    this.#directory = undefined;
  }

  #newFile(): string {
    if (!this.#directory) throw new ResultStoreError('The result store has no data directory (the server is not listening)');
    return path.join(this.#directory, `result-${++this.#files}.json`);
  }

  #expired(entry: Entry): boolean {
    return Date.now() - entry.keptAt > this.#maxAgeMs;
  }

  #sweep(): void {
    for (const [jobId, entry] of this.#entries) {
      if (!this.#expired(entry)) break;
      this.#evict(jobId);
    }
  }

  #drop(jobId: string): void {
    const entry = this.#entries.get(jobId);
    if (!entry) return;
    this.#entries.delete(jobId);
    const { held } = entry;
    if ('chunks' in held) {
      this.#memoryUsed -= entry.bytes;
    } else {
      this.#diskUsed -= entry.bytes;
      void unlink(held.file).catch(() => {});
    }
  }

  #evict(jobId: string): void {
    this.#drop(jobId);
    this.#onEvict(jobId);
  }

  /** Spills the oldest in-memory results beyond `memoryBytes`, then forgets the oldest beyond `diskBytes`. */
  #enforce(): void {
    let excess = this.#memoryUsed - this.#memoryBytes;
    const spill: [string, Entry][] = [];
    for (const [jobId, entry] of this.#entries) {
      if (excess <= 0) break;
      if (!('chunks' in entry.held)) continue;
      spill.push([jobId, entry]);
      excess -= entry.bytes;
    }
    for (const [jobId, entry] of spill) this.#spilling = this.#spilling.then(() => this.#spill(jobId, entry));
    if (spill.length === 0) this.#trimDisk();
  }

  async #spill(jobId: string, entry: Entry): Promise<void> {
    const { held } = entry;
    if (this.#entries.get(jobId) !== entry || !('chunks' in held)) return;
    if (entry.bytes > this.#diskBytes) return this.#evict(jobId);
    let file: string | undefined;
    try {
      file = this.#newFile();
      const handle = await open(file, 'wx', 0o600);
      try {
        for (const chunk of held.chunks) await handle.write(chunk);
      } finally {
        await handle.close();
      }
    } catch {
      // No room on disk: the result cannot be held at all, so it goes with its job.
      if (file) await unlink(file).catch(() => {});
      if (this.#entries.get(jobId) === entry) this.#evict(jobId);
      return;
    }
    if (this.#entries.get(jobId) !== entry) {
      await unlink(file).catch(() => {});
      return;
    }
    entry.held = { file };
    this.#memoryUsed -= entry.bytes;
    this.#diskUsed += entry.bytes;
    this.#trimDisk();
  }

  #trimDisk(): void {
    for (const [jobId, entry] of this.#entries) {
      if (this.#diskUsed <= this.#diskBytes) return;
      if ('file' in entry.held) this.#evict(jobId);
    }
  }
}
