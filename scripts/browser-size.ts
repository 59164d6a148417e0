/**
 * Issue 15 (6): the browser bundle of @coldatom/core + @coldatom/circuit-plugin, and where its bytes
 * go. Bundles their whole public surface (`export *` of both: the worst case, nothing tree-shaken
 * away) with esbuild for `platform=browser`, minified, with quantum-circuit and mathjs left out (a
 * page loads them whatever we do), and prints the minified bytes per package (from the metafile)
 * and the gzip size of the whole against the budget. Exits 1 when the bundle does not build or is
 * over budget. Run after `pnpm build`: `pnpm size:browser`.
 */
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The budget: minified + gzip. @unit bytes */
const BUDGET_GZIP_BYTES = 150 * 1024;
/** Left out: the circuit libraries a page needs anyway, and antlr4's guarded `require("fs")`. */
const EXTERNAL = ['quantum-circuit', 'mathjs', 'fs'];

const bundle = (external: readonly string[]) =>
  build({
    stdin: { contents: "export * from '@coldatom/core';\nexport * from '@coldatom/circuit-plugin';\n", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    external: [...external],
    logLevel: 'error',
  });
const result = await bundle(EXTERNAL);
// The same without zod, to measure its gzip bytes exactly rather than by proportion.
const withoutZod = gzipSync((await bundle([...EXTERNAL, 'zod'])).outputFiles[0]!.contents, { level: 9 }).length;

const output = Object.values(result.metafile.outputs)[0]!;
const code = result.outputFiles[0]!.contents;
const gzip = gzipSync(code, { level: 9 }).length;

/** The package a bundled file belongs to: its node_modules name, or our workspace package. */
function packageOf(file: string): string {
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const ours = /packages\/([^/]+)\//.exec(file);
  return ours ? `@coldatom/${ours[1]}` : file;
}

const bytes = new Map<string, number>();
for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) bytes.set(packageOf(file), (bytes.get(packageOf(file)) ?? 0) + bytesInOutput);
const total = code.length;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `browser bundle of core + circuit-plugin (without ${EXTERNAL.join(', ')}), minified: ${kb(total)}; gzip: ${kb(gzip)} (budget ${kb(BUDGET_GZIP_BYTES)})`,
);
console.log('minified bytes by package (gzip share estimated in proportion):');
for (const [name, n] of [...bytes].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${name.padEnd(28)} ${kb(n).padStart(10)}  ${((100 * n) / total).toFixed(1).padStart(5)} %  ~${kb((gzip * n) / total)} gzip`);
}
console.log(
  `zod measured: the bundle without it is ${kb(withoutZod)} gzip, so zod costs ${kb(gzip - withoutZod)} gzip (${((100 * (gzip - withoutZod)) / gzip).toFixed(0)} %)`,
);
if (gzip > BUDGET_GZIP_BYTES) {
  console.log(`over budget by ${kb(gzip - BUDGET_GZIP_BYTES)}`);
  process.exit(1);
}
console.log(`within budget (${kb(BUDGET_GZIP_BYTES - gzip)} to spare)`);
