/**
 * Refreshes the repository's copy of the golden vectors (`test/vectors/`) from their upstream,
 * `../shared/vectors` beside the repository root, when that folder exists. Tests read only the
 * in-repo copy, so a clone with nothing beside it runs them; this script is how the copy follows
 * upstream. `--check` reports drift without writing (exit 1 when the copy differs).
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const upstream = process.env.COLDATOM_VECTORS_UPSTREAM ?? path.resolve(root, '../shared/vectors');
const copy = path.join(root, 'test/vectors');
const checkOnly = process.argv.includes('--check');

/** Every file below `dir`, relative to it, sorted. */
function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(dir, rel)).sort()) {
      const child = path.posix.join(rel, entry);
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out;
}

function differences(): string[] {
  const up = filesBelow(upstream);
  const ours = existsSync(copy) ? filesBelow(copy) : [];
  const diff = new Set([...up.filter((f) => !ours.includes(f)), ...ours.filter((f) => !up.includes(f))]);
  for (const file of up) {
    if (ours.includes(file) && !readFileSync(path.join(upstream, file)).equals(readFileSync(path.join(copy, file)))) {
      diff.add(file);
    }
  }
  return [...diff].sort();
}

if (!existsSync(upstream)) {
  console.log(`no upstream vectors at ${upstream}; test/vectors left as it is`);
  process.exit(0);
}
const changed = differences();
if (changed.length === 0) {
  console.log('test/vectors is up to date');
} else if (checkOnly) {
  console.log(`test/vectors differs from ${upstream} in ${changed.length} file(s):\n  ${changed.join('\n  ')}`);
  console.log('run `pnpm sync:vectors` to refresh it');
  process.exit(1);
} else {
  rmSync(copy, { recursive: true, force: true });
  cpSync(upstream, copy, { recursive: true });
  console.log(`test/vectors refreshed from ${upstream}: ${changed.length} file(s) changed`);
}
