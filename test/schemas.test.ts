import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedSchemas } from '../scripts/schema-sources.js';
import { SCHEMAS_DIR, ajvValidator, committedSchemaFiles } from './support/ajv.js';

describe('schemas/', () => {
  const generated = generatedSchemas();

  it('gives every generated schema to exactly one package to publish (owners.json)', () => {
    const owners = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'owners.json'), 'utf8')) as Record<string, string[]>;
    const published = Object.values(owners).flat();
    expect([...published].sort()).toEqual(generated.map((g) => g.file).sort());
    expect(new Set(published).size).toBe(published.length);
  });

  it('holds exactly the files the zod sources generate', () => {
    expect(committedSchemaFiles()).toEqual(generated.map((g) => g.file).sort());
  });

  for (const { file, text } of generated) {
    it(`${file} is byte-identical to its zod source (run \`pnpm gen:schemas\` after changing a schema)`, () => {
      expect(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')).toBe(text);
    });

    it(`${file} has an $id and a title and compiles with strict ajv`, () => {
      const schema = JSON.parse(text) as { $id?: string; title?: string };
      expect(schema.$id).toMatch(/^https:\/\/schemas\.coldatom\.dev\//);
      expect(schema.title).toBeTruthy();
      expect(() => ajvValidator(file)).not.toThrow();
    });
  }
});
