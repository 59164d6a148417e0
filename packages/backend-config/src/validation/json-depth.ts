/**
 * How deep a JSON value nests, measured without recursion: a payload nested 10⁵ levels deep must
 * produce a problem, not a RangeError from the engine (or from `JSON.stringify` in a message).
 */

/** Deepest nesting any payload we accept may have; a well-formed one needs 4 below an experiment. */
export const MAX_JSON_DEPTH = 32;

/** A container being walked: its keys (objects) or length (arrays), and the next child to visit. */
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
const pathOf = (frames: readonly Frame[]): (string | number)[] => frames.map((f) => (f.keys ? f.keys[f.next - 1]! : f.next - 1));

/**
 * The path (keys and indices) to the first value nested deeper than `max` levels below `value`,
 * or `undefined` when it nests `max` levels or fewer (a number has depth 0, `[1]` depth 1).
 * Depth-first with an explicit stack of containers, allocating nothing per leaf: it runs on every
 * payload before validation (a 1000-point scan is ~10⁵ values), and the path is only built for
 * the culprit.
 */
export function pathDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): (string | number)[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (max <= 0) return [];
  const frames: Frame[] = [frameOf(value)];
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    if (top.next >= top.size) {
      frames.pop();
      continue;
    }
    const index = top.next++;
    const child = top.keys ? (top.node as Record<string, unknown>)[top.keys[index]!] : (top.node as unknown[])[index];
    if (child === null || typeof child !== 'object') continue;
    if (frames.length >= max) return pathOf(frames);
    frames.push(frameOf(child));
  }
  return undefined;
}
