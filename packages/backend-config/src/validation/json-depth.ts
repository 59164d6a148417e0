/**
 * How deep a JSON value nests, measured without recursion: a payload nested 10⁵ levels deep must
 * produce a problem, not a RangeError from the engine (or from `JSON.stringify` in a message).
 */

/** Deepest nesting any payload we accept may have; a well-formed one needs 4 below an experiment. */
export const MAX_JSON_DEPTH = 32;

/**
 * A container being walked: an array, or an object with its keys; the next child to visit, and
 * the key or index of the one just taken (the path to a culprit is built from these).
 */
type Frame =
  | { readonly node: readonly unknown[]; readonly keys: undefined; next: number; taken: number }
  | {
      readonly node: Readonly<Record<string, unknown>>;
      readonly keys: readonly string[];
      next: number;
      taken: string | number;
    };

const frameOf = (node: object): Frame =>
  Array.isArray(node) ? { node, keys: undefined, next: 0, taken: -1 } : { node: node as Record<string, unknown>, keys: Object.keys(node), next: 0, taken: -1 };

/** Marks a container with no child left to visit (no JSON value is a symbol). */
const DONE = Symbol('done');

/** Takes the next child of a container, or `DONE` when it has none left. */
function takeChild(frame: Frame): unknown {
  const index = frame.next++;
  if (frame.keys === undefined) {
    if (index >= frame.node.length) return DONE;
    frame.taken = index;
    return frame.node[index];
  }
  const key = frame.keys[index];
  if (key === undefined) return DONE;
  frame.taken = key;
  return frame.node[key];
}

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
  for (let top = frames.at(-1); top !== undefined; top = frames.at(-1)) {
    const child = takeChild(top);
    if (child === DONE) {
      frames.pop();
      continue;
    }
    if (child === null || typeof child !== 'object') continue;
    if (frames.length >= max) return frames.map((f) => f.taken);
    frames.push(frameOf(child));
  }
  return undefined;
}
