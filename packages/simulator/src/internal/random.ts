/** The only module that imports pure-rand: a seedable uniform generator of doubles in [0, 1). */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A function returning uniform doubles in [0, 1); reproducible for a given seed. */
export type Uniform = () => number;

/** A uniform generator, seeded when a seed is given (xoroshiro128+), else from Math.random. */
export function uniform(seed?: number | null): Uniform {
  if (seed === undefined || seed === null) return Math.random;
  const rng = xoroshiro128plus(seed | 0);
  return () => uniformFloat64(rng);
}
