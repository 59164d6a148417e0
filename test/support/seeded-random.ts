/**
 * mulberry32: uniform doubles in [0, 1) from a seed, so a randomized spec draws the same circuits on
 * every run and a failing one can be rebuilt from its seed. Written out here rather than taken
 * from the simulator's generator, so the specs that check the engine share nothing with it.
 */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
