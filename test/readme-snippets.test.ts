import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { READMES, REPO_ROOT, snippetsOf } from '../scripts/readme-snippets.js';

describe('README code blocks', () => {
  const snippets = READMES.flatMap(snippetsOf);

  it('are found in every README that shows code', () => {
    expect(new Set(snippets.map((s) => s.readme))).toEqual(new Set(READMES));
  });

  it.each(snippets.map((s) => [`${s.readme}:${s.line}`, s] as const))('%s is a compiled example file, verbatim', (_, snippet) => {
    expect(snippet.file, 'a ```ts block needs a <!-- snippet: examples/readme/….ts --> marker above it').toMatch(/^examples\/readme\/[\w-]+\.ts$/);
    const file = readFileSync(path.join(REPO_ROOT, snippet.file!), 'utf8');
    expect(snippet.code, 'run `pnpm docs:snippets`').toBe(file);
  });
});
