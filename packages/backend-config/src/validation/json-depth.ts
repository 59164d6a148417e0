/**
 * How deep a JSON value nests, measured without recursion: a payload nested 10⁵ levels deep must
 * produce a problem, not a RangeError from the engine (or from `JSON.stringify` in a message).
 */

/** Deepest nesting any payload we accept may have; a well-formed one needs 4 below an experiment. */
export const MAX_JSON_DEPTH = 32;

/**
 * The path (keys and indices) to the first value nested deeper than `max` levels below `value`,
 * or `undefined` when it nests `max` levels or fewer (a number has depth 0, `[1]` depth 1).
 */
export function pathDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): (string | number)[] | undefined {
  // Depth-first with an explicit stack; each entry knows its path so the culprit can be named.
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= max) return path;
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((v, i) => [i, v]) : Object.entries(current);
    for (let k = entries.length - 1; k >= 0; k--) stack.push({ value: entries[k]![1], path: [...path, entries[k]![0]] });
  }
  return undefined;
}
