/**
 * README code blocks are files: every ```ts block in a README stands right below a
 * `<!-- snippet: examples/readme/<name>.ts -->` marker and is that file's text, which `tsc -b` (root
 * test config) and the packaging test (strict, nodenext and bundler, against the installed tarballs)
 * compile. `pnpm docs:snippets` rewrites each block from its file; `test/readme-snippets.test.ts`
 * fails when one drifts or a block has no file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every README with code blocks, relative to the repository root. */
export const READMES = ['README.md', ...['backend-config', 'core', 'circuit-plugin', 'simulator', 'cli'].map((p) => `packages/${p}/README.md`)];

const BLOCK = /(<!-- snippet: (?<file>[^ ]+) -->\n)?```ts\n(?<code>[\s\S]*?)```\n/g;

/** One ```ts block of a README: the file its marker names (undefined without one) and its text. */
export interface Snippet {
  readonly readme: string;
  readonly line: number;
  readonly file: string | undefined;
  readonly code: string;
}

export function snippetsOf(readme: string): Snippet[] {
  const text = readFileSync(path.join(REPO_ROOT, readme), 'utf8');
  return [...text.matchAll(BLOCK)].map((m) => ({
    readme,
    line: text.slice(0, m.index).split('\n').length,
    file: m.groups?.file,
    code: m.groups?.code ?? '',
  }));
}

/** Rewrites the blocks of one README from their files; returns whether anything changed. */
export function syncReadme(readme: string): boolean {
  const full = path.join(REPO_ROOT, readme);
  const before = readFileSync(full, 'utf8');
  const after = before.replace(BLOCK, (whole, marker: string | undefined, file: string | undefined) =>
    file === undefined ? whole : `${marker}\`\`\`ts\n${readFileSync(path.join(REPO_ROOT, file), 'utf8')}\`\`\`\n`,
  );
  if (after !== before) writeFileSync(full, after);
  return after !== before;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const readme of READMES) if (syncReadme(readme)) console.log(`${readme}: code blocks rewritten from their files`);
}
