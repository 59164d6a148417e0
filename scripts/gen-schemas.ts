/**
 * Writes `schemas/*.schema.json` from the zod schemas (the single source of truth).
 * `pnpm gen:schemas`; test/schemas.test.ts fails when a committed file differs from this output.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { generatedSchemas } from './schema-sources.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
for (const { file, text } of generatedSchemas()) {
  await writeFile(path.join(root, 'schemas', file), text);
  console.log(`wrote schemas/${file}`);
}
