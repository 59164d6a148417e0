import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../internal/atomic-write.js';
import { JournalReadError, StoredJobJournal, type JournalFolder, type JournalStorage, type SetAsideNotice } from './stored-job-journal.js';

/** Options of {@link FileJobJournal}. */
export interface FileJobJournalOptions {
  /**
   * Told of each unreadable file set aside while listing (a hand-edited or truncated entry) into
   * the journal's `corrupt/` folder: the listing goes on without it instead of failing for every
   * other job.
   */
  readonly onSetAside?: (notice: SetAsideNotice) => void;
}

/** Records as files, each written atomically and durably (temp file, fsync, rename). */
class FileStorage implements JournalStorage {
  constructor(private readonly directory: string) {}

  describe(folder: JournalFolder, name: string): string {
    return path.join(this.directory, folder, name);
  }

  async read(folder: JournalFolder, name: string): Promise<string | undefined> {
    const file = this.describe(folder, name);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new JournalReadError(file, (error as Error).message, error);
    }
  }

  async write(folder: JournalFolder, name: string, text: string): Promise<void> {
    await mkdir(path.join(this.directory, folder), { recursive: true, mode: 0o700 });
    await writeFileDurably(this.describe(folder, name), text);
  }

  async remove(folder: JournalFolder, name: string): Promise<void> {
    await rm(this.describe(folder, name), { force: true });
  }

  async names(folder: JournalFolder): Promise<string[]> {
    // write-file-atomic's temp files end in a random suffix, not ".json": the engine skips them.
    return readdir(path.join(this.directory, folder)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
  }

  async setAside(folder: JournalFolder, name: string): Promise<string> {
    const movedTo = path.join(this.directory, 'corrupt', folder, `${name}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
    await mkdir(path.dirname(movedTo), { recursive: true, mode: 0o700 });
    await rename(this.describe(folder, name), movedTo).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code !== 'ENOENT') throw cause;
    });
    return movedTo;
  }
}

/**
 * A journal in a folder, one file per concern, each written atomically and durably, so after a
 * crash every file is either its old or its new version:
 *
 * - `jobs/<id>.json`: the {@link JournalEntry} of each accepted job;
 * - `payloads/<sha256>.json`: each payload, by the hash of its canonical JSON;
 * - `results/<id>.json`: each fetched result;
 * - `pending/<key>.json`: submissions written ahead of `post_job` whose answer is not recorded;
 * - `corrupt/`: files that could not be read, moved out of the way.
 *
 * Tokens are never written: targets are stored with query secrets redacted, and nothing else a
 * journal stores comes from credentials. Node only; in a browser use `IndexedDbJobJournal`.
 *
 * @example
 * const journal = new FileJobJournal(`${os.homedir()}/.config/coldatom/journal`);
 * const backend = backendFor(url, { token, jobs: { journal } });
 * const handles = await journal.resume((target) => backendFor(target, { token, jobs: { journal } }));
 */
export class FileJobJournal extends StoredJobJournal {
  /** The journal folder. */
  readonly directory: string;

  constructor(directory: string, options: FileJobJournalOptions = {}) {
    super(new FileStorage(directory), options.onSetAside);
    this.directory = directory;
  }
}
