/**
 * A process-wide (per worker thread) cache of decompositions and tables that do not depend on a
 * gate's angle, so a scan pays for them once. Least recently used entries go first once the
 * cached numbers exceed a bound, so a long-lived worker's memory stays bounded.
 */
const entries = new Map<string, { readonly value: unknown; readonly weight: number }>();
let totalWeight = 0;

// About 64 MiB of doubles; one N = 500 eigenbasis is 0.5 M numbers.
const MAX_WEIGHT = 8 * 2 ** 20;
const MAX_ENTRIES = 1024;

/** The cached value of `key`, made (and weighed in numbers held) on first use. */
export function memo<T>(key: string, make: () => T, weight: (value: T) => number = () => 1): T {
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as T;
  }
  const value = make();
  const w = Math.max(1, weight(value));
  entries.set(key, { value, weight: w });
  totalWeight += w;
  for (const [oldest, entry] of entries) {
    if ((totalWeight <= MAX_WEIGHT && entries.size <= MAX_ENTRIES) || oldest === key) break;
    entries.delete(oldest);
    totalWeight -= entry.weight;
  }
  return value;
}

/** Whether `key` is cached (without touching its recency). */
export function memoHas(key: string): boolean {
  return entries.has(key);
}
