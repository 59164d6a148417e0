/** The exit codes of `coldatom`. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** Something failed at run time (backend error, failed job, unfinished jobs). */
  failure: 1,
  /** Bad input (usage, spec, circuit, file): problems listed on stderr, nothing sent. */
  badInput: 2,
  /** Ctrl-C: the command detached; submitted jobs keep running on the server. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
