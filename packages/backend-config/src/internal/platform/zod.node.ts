/**
 * zod for Node, loaded on the first use of a schema: zod is most of what `import('@coldatom/core')`
 * would cost (~70 ms of a ~100 ms `node -e 0`). It is `require`d as an ES module (Node ≥ 20.19):
 * the file `import 'zod'` resolves to, through Node's one module cache, so these are the very
 * classes and registry a user's `import { z } from 'zod'` gets, never a second copy.
 */
import type * as Zod from 'zod';

let zod: typeof Zod | undefined;

export function zodModule(): typeof Zod {
  if (zod) return zod;
  const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);
  zod = require(process.getBuiltinModule('node:url').fileURLToPath(import.meta.resolve('zod'))) as typeof Zod;
  return zod;
}

/** Schemas are built when first used, behind a stand-in (see lazy-schema.ts). */
export const buildsEagerly = false;
