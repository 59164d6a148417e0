/** The only module that imports ms: durations written as people write them (`30d`, `12h`, `90m`). */
import ms from 'ms';

/** Milliseconds of a duration such as `30d`, `12h`, `90m` or `45s`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const value = ms(text.trim() as ms.StringValue);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
