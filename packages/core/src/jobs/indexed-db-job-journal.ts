/**
 * The only module that imports idb-keyval: a browser's IndexedDB as a small key-value store. It is
 * imported when a journal is first used, so Node never loads it (bundlers inline the import).
 */
import type { UseStore } from 'idb-keyval';
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
type IdbKeyval = typeof import('idb-keyval');

class IndexedDbStorage implements JournalStorage {
  readonly #databaseName: string;
  #opened: Promise<{ readonly idb: IdbKeyval; readonly store: UseStore }> | undefined;

  constructor(databaseName: string) {
    if ((globalThis as { indexedDB?: unknown }).indexedDB === undefined) {
      throw new ColdAtomError('IndexedDbJobJournal needs IndexedDB (a browser or a worker); in Node use FileJobJournal');
    }
    this.#databaseName = databaseName;
  }

  /** idb-keyval and the journal's store, loaded and opened on first use. */
  #open(): Promise<{ readonly idb: IdbKeyval; readonly store: UseStore }> {
    this.#opened ??= import('idb-keyval').then((idb) => ({ idb, store: idb.createStore(this.#databaseName, 'records') }));
    return this.#opened;
  }

  describe(folder: JournalFolder, name: string): string {
    return `indexeddb:${this.#databaseName}/${folder}/${name}`;
  }

  async read(folder: JournalFolder, name: string): Promise<string | undefined> {
    const { idb, store } = await this.#open();
    return idb.get<string>(`${folder}/${name}`, store);
  }

  async write(folder: JournalFolder, name: string, text: string): Promise<void> {
    const { idb, store } = await this.#open();
    return idb.set(`${folder}/${name}`, text, store);
  }

  async remove(folder: JournalFolder, name: string): Promise<void> {
    const { idb, store } = await this.#open();
    return idb.del(`${folder}/${name}`, store);
  }

  async names(folder: JournalFolder): Promise<string[]> {
    const prefix = `${folder}/`;
    const { idb, store } = await this.#open();
    return (await idb.keys(store))
      .map(String)
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length));
  }

  async setAside(folder: JournalFolder, name: string): Promise<string> {
    const key = `${folder}/${name}`;
    const movedTo = `corrupt/${key}.${new Date().toISOString()}`;
    const { idb, store } = await this.#open();
    await idb.set(movedTo, await idb.get(key, store), store);
    await idb.del(key, store);
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
