/**
 * The second half of `pnpm build`: each entry of @coldatom/backend-config and @coldatom/core bundled
 * for Node into `dist/node/` (ESM, one shared chunk per package, so an error class exported by two
 * entries stays one class). Plain Node resolves the packages' `default` export condition to these
 * files; bundlers (`module`, `browser`) and TypeScript (`types`) keep tsc's file-per-module `dist/`.
 *
 * Why: `import('@coldatom/core')` loaded ~50 small modules, and on a 2-core VM Node's ESM loader
 * spent ~60 ms resolving, reading and linking them; two bundles of a few files load in ~20 ms
 * (`pnpm bench core`). Only these two packages: the simulator and the CLI find files next to their
 * modules (workers, package.json), which a bundle would move.
 *
 * Every package import stays external (other @coldatom packages, zod, rxjs, flatqueue, …): users
 * install them once, and the lazy `require`s of zod and rxjs still run on first use. The `#…`
 * platform imports are resolved now, to their Node sources (`@coldatom/source` condition).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each bundled package and its entries, as named in its `exports` map. */
const PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'backend-config': ['index', 'internal'],
  core: ['index', 'errors', 'internal'],
};

/** Names of classes declared in `code`: `class Name`, or `var Name = class` as esbuild writes them. */
const classNames = (code: string): string[] =>
  [...code.matchAll(/\bclass (?!extends\b)([A-Za-z_$][\w$]*)|\b(?:var|let|const) ([A-Za-z_$][\w$]*) = class\b/g)].map((m) => m[1] ?? m[2] ?? '');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));

for (const [name, entries] of Object.entries(PACKAGES)) {
  const packageDir = path.join(ROOT, 'packages', name);
  const outdir = path.join(packageDir, 'dist/node');
  // Chunk names carry a content hash: without a clean directory, every change would leave one behind.
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: Object.fromEntries(entries.map((entry) => [entry, `src/${entry}.ts`])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    conditions: ['@coldatom/source'],
    // No `keepNames`: its helper runs each time a closure is made (~3 µs per poll request), and
    // nothing reads a function's or a class's `name` (every error sets its `name` itself). A class
    // the bundle renamed would still show so in a debugger: the build refuses one (below).
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    metafile: true,
  });
  // Two modules declaring the same top-level name get `Name2` in a bundle: refuse that for a class,
  // whose name users see in stack traces and logs, rather than ship it renamed.
  const declared = new Set(sourceFiles(path.join(packageDir, 'src')).flatMap((file) => classNames(readFileSync(file, 'utf8'))));
  for (const file of Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'))) {
    const renamed = classNames(readFileSync(path.join(packageDir, file), 'utf8')).filter((name) => !declared.has(name));
    if (renamed.length > 0) throw new Error(`bundle-node: ${file} renames class ${renamed.join(', ')}; give the colliding declarations distinct names`);
  }
}
