/**
 * A clone with nothing beside it runs every test: the golden data comes from the repository's own
 * copy (`test/vectors`, refreshed by `pnpm sync:vectors`), never from `../shared`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/readme-snippets.js';
import { VECTORS_DIR, promisedFileCounts } from './support/vectors.js';

/** Every TypeScript file below `dir` (no node_modules, dist or vectors). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (['node_modules', 'dist', 'vectors', '.git'].includes(entry)) return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|mjs)$/.test(entry) ? [full] : [];
  });
}

describe('the repository stands alone', () => {
  it('reads the golden vectors from inside the repository', () => {
    expect(path.relative(REPO_ROOT, VECTORS_DIR)).toBe(path.join('test', 'vectors'));
    expect(Object.keys(promisedFileCounts()).length).toBeGreaterThan(5);
  });

  it('has no source, test, benchmark or script that reaches for ../shared', () => {
    const offenders = ['packages', 'test', 'bench', 'scripts', 'examples']
      .flatMap((dir) => sources(path.join(REPO_ROOT, dir)))
      .filter(
        (file) =>
          !file.endsWith('scripts/sync-vectors.ts') &&
          !file.endsWith('test/standalone.test.ts') &&
          /\.\.\/shared\b|['"`]shared\/vectors/.test(readFileSync(file, 'utf8')),
      );
    expect(offenders.map((f) => path.relative(REPO_ROOT, f))).toEqual([]);
  });
});
