/**
 * Access to the golden vectors in `test/vectors/`: the repository's own copy of the reference data,
 * refreshed from its upstream by `pnpm sync:vectors`. Tests read only this copy, so a clone with
 * nothing beside it runs them.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the shared vectors folder. */
export const VECTORS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../vectors');

/** Parses one vector file, given relative to the vectors folder (e.g. `configs/mot.json`). */
export function readVector<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(path.join(VECTORS_DIR, relativePath), 'utf8')) as T;
}

/** Every `.json` file below a vectors subfolder, relative to the vectors folder, sorted. */
export function listVectors(subfolder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(VECTORS_DIR, dir)).sort()) {
      const rel = path.posix.join(dir, entry);
      if (statSync(path.join(VECTORS_DIR, rel)).isDirectory()) walk(rel);
      else if (entry.endsWith('.json')) out.push(rel);
    }
  };
  walk(subfolder);
  return out;
}

/**
 * The per-folder file counts the vectors README promises (its "File counts" list), so that a
 * vector file that goes missing fails the suite instead of silently shrinking it.
 */
export function promisedFileCounts(): Record<string, number> {
  const readme = readFileSync(path.join(VECTORS_DIR, 'README.md'), 'utf8');
  const counts: Record<string, number> = {};
  for (const match of readme.matchAll(/^\* `([^`]+)`: (\d+)$/gm)) counts[match[1]!] = Number(match[2]);
  return counts;
}
