/** Seconds given on the command line as the milliseconds core takes; undefined stays undefined. */
export function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}
