import type { z } from 'zod';
import { buildsEagerly, zodModule } from '#zod';

/** The `z` namespace a schema is built with. */
export type ZodApi = typeof z;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * A zod schema built on first use. In Node the value is a stand-in (a Proxy) for the schema that
 * `build` returns, made the first time anything touches it: `import('@coldatom/core')` then loads
 * no zod at all. Every access goes to the built schema; zod's methods are members of its
 * prototypes that act on `this`, so `Schema.optional()` or `z.object({ x: Schema })` wrap the
 * stand-in itself, and the schema's entry in zod's global registry (its `.meta()` id and title)
 * moves to the stand-in when it is built: the stand-in is the schema users hold, compose and look
 * up. Bundles (browsers) build the schema at once and get it as it is.
 */
export function lazySchema<T extends object>(build: (z: ZodApi) => T): T {
  if (buildsEagerly) return build(zodModule().z);
  let built: T | undefined;
  const schema = (): T => {
    if (built) return built;
    const zod = zodModule();
    built = build(zod.z);
    const registry = zod.z.globalRegistry;
    const meta = registry.get(built as never);
    if (meta !== undefined) {
      registry.remove(built as never);
      registry.add(standIn as never, meta);
    }
    return built;
  };
  // The target only answers Node's inspector, which looks at a proxy's target, not through it.
  const target = {
    [INSPECT]: (_depth: number, options: object, inspect: (value: unknown, options: object) => string) => inspect(schema(), options),
  };
  const standIn = new Proxy(target, {
    get: (_target, key, receiver) => Reflect.get(schema(), key, receiver),
    set: (_target, key, value) => Reflect.set(schema(), key, value),
    has: (_target, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      // A proxy may not report a property as non-configurable that its target lacks.
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    setPrototypeOf: (_target, prototype) => Reflect.setPrototypeOf(schema(), prototype),
  }) as T;
  return standIn;
}
