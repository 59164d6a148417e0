/**
 * `pnpm bench`: runs every package benchmark in turn (each prints its own figures and ratios).
 * Pass package names to run a subset: `pnpm bench core simulator`.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const packages = ['backend-config', 'core', 'circuit-plugin', 'simulator', 'cli'];
const wanted = process.argv.slice(2);

for (const name of packages) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const dir = path.join(root, 'packages', name, 'bench');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.ts')).sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') continue;
    console.log(`\n## ${name}/${file}`);
    await mod.run();
  }
}
