import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BackendConfiguration } from '@coldatom/backend-config';
import { configHash } from '@coldatom/core';

/**
 * The backend configs scans were compiled against, by core's config hash: the journal records
 * only the hash, a reproducibility bundle needs the config itself.
 */
export class ConfigSnapshots {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = directory;
  }

  /** Stores a config under its hash (once); resolves with the hash. */
  async save(config: BackendConfiguration): Promise<string> {
    const hash = configHash(config);
    const file = path.join(this.directory, `${hash}.json`);
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    return hash;
  }

  /** The config stored under a hash, if any. */
  async get(hash: string): Promise<BackendConfiguration | undefined> {
    try {
      return BackendConfiguration.parse(JSON.parse(await readFile(path.join(this.directory, `${hash}.json`), 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
