// Run as `prepack` by the packages that own published JSON Schemas: copies their generated files
// from the repository's `schemas/` (written by `pnpm gen:schemas`, drift-tested) into the package,
// where its `exports` map (`./schemas/*.json`) makes them reachable from an installed tarball.
// Plain Node (no tsx): lifecycle scripts run before anything is built.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which package publishes which schema: each schema ships with the package that defines it. */
const OWNERS = {
  '@coldatom/backend-config': ['backend-configuration.schema.json', 'backend-status.schema.json'],
  '@coldatom/core': ['job-payload.schema.json', 'job-result.schema.json', 'status-message.schema.json'],
  '@coldatom/circuit-plugin': ['scan-spec.schema.json'],
};

const packageDir = process.cwd();
const { name } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const files = OWNERS[name];
if (!files) throw new Error(`copy-schemas: ${name} publishes no schemas`);
const source = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schemas');
mkdirSync(path.join(packageDir, 'schemas'), { recursive: true });
for (const file of files) copyFileSync(path.join(source, file), path.join(packageDir, 'schemas', file));
