// Run as `prepack` by the packages that own published JSON Schemas: copies their generated files
// from the repository's `schemas/` (written by `pnpm gen:schemas`, drift-tested) into the package,
// where its `exports` map (`./schemas/*.json`) makes them reachable from an installed tarball.
// Plain Node (no tsx): lifecycle scripts run before anything is built.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const schemasDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schemas');
/** Which package publishes which schema (each ships with the package that defines it). */
const owners = JSON.parse(readFileSync(path.join(schemasDir, 'owners.json'), 'utf8'));

const packageDir = process.cwd();
const { name } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const files = owners[name];
if (!files) throw new Error(`copy-schemas: ${name} publishes no schemas`);
mkdirSync(path.join(packageDir, 'schemas'), { recursive: true });
for (const file of files) copyFileSync(path.join(schemasDir, file), path.join(packageDir, 'schemas', file));
