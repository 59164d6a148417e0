/**
 * How deep a JSON value nests, measured without recursion: a payload nested 10⁵ levels deep must
 * produce a problem, not a RangeError from the engine (or from `JSON.stringify` in a message).
 */

/** Deepest nesting any payload we accept may have; a well-formed one needs 4 below an experiment. */
export const MAX_JSON_DEPTH = 32;

/**
 * A container being walked: its keys (objects) or none (arrays), its size, and the next child to
 * visit. One shape for both kinds, so the walk's property reads stay monomorphic (a union of two
 * frame shapes made it ~25 % slower).
 */
interface Frame {
  readonly node: object;
  readonly keys: readonly string[] | undefined;
  readonly size: number;
  next: number;
}

const frameOf = (node: object): Frame => {
  const keys = Array.isArray(node) ? undefined : Object.keys(node);
  return { node, keys, size: keys ? keys.length : (node as unknown[]).length, next: 0 };
};

/** The path to the child each frame is visiting (the one just taken). */
const pathOf = (frames: readonly Frame[]): (string | number)[] => frames.map((f) => (f.keys ? (f.keys[f.next - 1] ?? '') : f.next - 1));

/**
 * The path (keys and indices) to the first value nested deeper than `max` levels below `value`,
 * or `undefined` when it nests `max` levels or fewer (a number has depth 0, `[1]` depth 1).
 * Depth-first with an explicit stack of containers, so that a value nested 10⁵ levels deep is no
 * RangeError; the path is only built for the culprit. Validation calls it only once
 * {@link nestsDeeperThan} has found one.
 */
export function pathDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): (string | number)[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (max <= 0) return [];
  const frames: Frame[] = [frameOf(value)];
  // Never read past the stack's end (`frames.at(-1)` on an empty stack): an out-of-bounds read
  // sends V8 to its slow element path for the rest of the walk.
  while (frames.length > 0) {
    const top = frames[frames.length - 1];
    if (top === undefined) break;
    if (top.next >= top.size) {
      frames.pop();
      continue;
    }
    const index = top.next++;
    // Two load sites, one for arrays and one for objects: a single site keyed by number or string
    // goes megamorphic and made the walk ~40 % slower.
    let child: unknown;
    if (top.keys === undefined) child = (top.node as readonly unknown[])[index];
    else {
      const key = top.keys[index];
      if (key === undefined) continue;
      child = (top.node as Readonly<Record<string, unknown>>)[key];
    }
    if (child === null || typeof child !== 'object') continue;
    if (frames.length >= max) return pathOf(frames);
    frames.push(frameOf(child));
  }
  return undefined;
}

/**
 * Whether `value` nests deeper than `max` levels: {@link pathDeeperThan}'s answer without its path,
 * for the common case of a payload that is fine. Recursive, which is safe here: the recursion
 * stops `max` levels down whatever the value, and it allocates nothing, not even a frame per
 * container (half of validating a well-formed scan went to the walk with frames).
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (max <= 0) return true;
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const child: unknown = value[k];
      if (child !== null && typeof child === 'object' && nestsDeeperThan(child, max - 1)) return true;
    }
    return false;
  }
  for (const key of Object.keys(value)) {
    if (nestsDeeperThan((value as Readonly<Record<string, unknown>>)[key], max - 1)) return true;
  }
  return false;
}
