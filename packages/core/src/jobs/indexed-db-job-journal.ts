/** The only module that imports idb-keyval: a browser's IndexedDB as a small key-value store. */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { ColdAtomError } from '../errors.js';
import { StoredJobJournal, type JournalFolder, type JournalStorage, type SetAsideNotice } from './stored-job-journal.js';

/** Options of {@link IndexedDbJobJournal}. */
export interface IndexedDbJobJournalOptions {
  /** The IndexedDB database (one object store in it holds the journal). @default 'coldatom-journal' */
  readonly databaseName?: string;
  /** Told of each unreadable record set aside (under `corrupt/` keys) while listing. */
  readonly onSetAside?: (notice: SetAsideNotice) => void;
}

/** Records as IndexedDB values under `<folder>/<name>` keys; each `set` is one transaction. */
class IndexedDbStorage implements JournalStorage {
  readonly #store: UseStore;
  readonly #databaseName: string;

  constructor(databaseName: string) {
    if ((globalThis as { indexedDB?: unknown }).indexedDB === undefined) {
      throw new ColdAtomError('IndexedDbJobJournal needs IndexedDB (a browser or a worker); in Node use FileJobJournal');
    }
    this.#databaseName = databaseName;
    this.#store = createStore(databaseName, 'records');
  }

  describe(folder: JournalFolder, name: string): string {
    return `indexeddb:${this.#databaseName}/${folder}/${name}`;
  }

  async read(folder: JournalFolder, name: string): Promise<string | undefined> {
    return get<string>(`${folder}/${name}`, this.#store);
  }

  write(folder: JournalFolder, name: string, text: string): Promise<void> {
    return set(`${folder}/${name}`, text, this.#store);
  }

  remove(folder: JournalFolder, name: string): Promise<void> {
    return del(`${folder}/${name}`, this.#store);
  }

  async names(folder: JournalFolder): Promise<string[]> {
    const prefix = `${folder}/`;
    return (await keys(this.#store))
      .map(String)
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length));
  }

  async setAside(folder: JournalFolder, name: string): Promise<string> {
    const key = `${folder}/${name}`;
    const movedTo = `corrupt/${key}.${new Date().toISOString()}`;
    await set(movedTo, await get(key, this.#store), this.#store);
    await del(key, this.#store);
    return this.describe('jobs', '').replace(/jobs\/$/, movedTo);
  }
}

/**
 * The journal in a browser: the same records and rules as `FileJobJournal`, kept in IndexedDB, so
 * job handles resume after a page reload as they do after a crash in Node.
 *
 * @example
 * const journal = new IndexedDbJobJournal();
 * const backend = backendFor(url, { token, jobs: { journal } });
 * // after a reload:
 * const handles = await journal.resume((target) => backendFor(target, { token, jobs: { journal } }));
 */
export class IndexedDbJobJournal extends StoredJobJournal {
  constructor(options: IndexedDbJobJournalOptions = {}) {
    super(new IndexedDbStorage(options.databaseName ?? 'coldatom-journal'), options.onSetAside);
  }
}
