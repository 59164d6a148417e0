/**
 * zod for browsers and bundlers (the `browser` and `module` conditions): imported statically, so
 * bundles contain it, and schemas are built at import, as plain zod schemas.
 */
import * as zod from 'zod';

export function zodModule(): typeof zod {
  return zod;
}

export const buildsEagerly = true;
