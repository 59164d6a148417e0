import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JobPayload, ScanPoint } from '@coldatom/core';
import { z } from 'zod';
import { withFileLock } from './internal/file-lock.js';

/**
 * What `coldatom run` remembers about a scan beyond the journal's jobs: where its results go and
 * which experiments it has, so `coldatom jobs resume` can submit what was never sent and write the
 * same files the run would have written.
 */
export const RunRecord = z.object({
  /** The id of the scan's first core run; names the record's folder. */
  id: z.string().min(1),
  /** Every core run of the scan: the first and any started by `jobs resume` for unsent experiments. */
  runIds: z.array(z.string().min(1)).min(1),
  spec: z.string(),
  specFile: z.string(),
  target: z.string(),
  outDir: z.string(),
  configHash: z.string(),
  parameters: z.array(z.string()).readonly(),
  points: z.array(ScanPoint).readonly(),
  maxExperimentsPerJob: z.int().positive(),
  createdAt: z.string(),
  /** `open` until its files are written (`complete`) or one of its jobs failed (`failed`). */
  state: z.enum(['open', 'complete', 'failed']),
  updatedAt: z.string().optional(),
});
export type RunRecord = z.output<typeof RunRecord>;

/** Run records in a folder (only for remote targets: local jobs end with the process): `<id>/run.json` and the compiled payload `<id>/payload.json`. */
export class RunStore {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = directory;
  }

  async #write(file: string, value: unknown): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.tmp`;
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  }

  /** Stores a new record with its payload. */
  async create(record: RunRecord, payload: JobPayload): Promise<void> {
    await this.#write(path.join(this.directory, record.id, 'payload.json'), payload);
    await this.#write(path.join(this.directory, record.id, 'run.json'), record);
  }

  /** Replaces a record, stamping `updatedAt`. */
  async update(record: RunRecord): Promise<void> {
    await this.#write(path.join(this.directory, record.id, 'run.json'), RunRecord.parse({ ...record, updatedAt: new Date().toISOString() }));
  }

  /** Every record, oldest first; unreadable ones are skipped (a record is a convenience, the journal is the truth). */
  async list(): Promise<RunRecord[]> {
    const ids = await readdir(this.directory).catch(() => [] as string[]);
    const records = await Promise.all(
      ids.map(async (id) => {
        try {
          return RunRecord.parse(JSON.parse(await readFile(path.join(this.directory, id, 'run.json'), 'utf8')));
        } catch {
          return undefined;
        }
      }),
    );
    return records.filter((r): r is RunRecord => r !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Runs `work` holding the run's lock, so that two processes never complete one run at once;
   * `{ locked: false }` when another process holds it.
   */
  exclusive<T>(id: string, work: () => Promise<T>): ReturnType<typeof withFileLock<T>> {
    return withFileLock(path.join(this.directory, id, 'run.json'), work);
  }

  async payload(id: string): Promise<JobPayload> {
    return JobPayload.parse(JSON.parse(await readFile(path.join(this.directory, id, 'payload.json'), 'utf8')));
  }
}
