/**
 * ajv over the committed JSON Schemas in `schemas/` (what leaves the process is checked against
 * the published files, not against zod). The only module of the tests that imports ajv.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

// ajv-formats is CommonJS; under NodeNext its default import is typed as the module namespace.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export const SCHEMAS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');

/** The committed schema files' names. */
export function committedSchemaFiles(): string[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
}

let validators: Map<string, ValidateFunction> | undefined;

/** A compiled validator for one committed schema file (strict mode, all errors, formats). */
export function ajvValidator(file: string): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    validators = new Map();
    for (const name of committedSchemaFiles()) {
      const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, name), 'utf8')) as object;
      validators.set(name, ajv.compile(schema));
    }
  }
  const validate = validators.get(file);
  if (!validate) throw new Error(`no committed schema ${file}`);
  return validate;
}
