/** For the other @coldatom packages: how their zod schemas are built on first use. Not a public API. */
export { lazySchema } from './lazy-schema.js';
export type { ZodApi } from './lazy-schema.js';
