/** The only module that imports cli-progress: live, redrawn lines on a terminal. */
import { MultiBar } from 'cli-progress';

/** One redrawn line. */
export interface LiveLine {
  /** Sets the line's bar position and text fields. */
  update(value: number, total: number, fields: Readonly<Record<string, string>>): void;
}

/** Several lines redrawn in place. */
export interface LiveLines {
  /** Adds a line; `format` uses `{bar}`, `{value}`, `{total}` and the field names in braces. */
  add(format: string, total: number, fields: Readonly<Record<string, string>>): LiveLine;
  /** Prints a line above the live lines (they are redrawn below it). */
  log(line: string): void;
  /** Draws the final state and releases the terminal (cursor shown again). */
  stop(): void;
}

/** Live lines on a terminal stream (the caller checks `isTTY`). */
export function liveLines(stream: NodeJS.WritableStream): LiveLines {
  const bars = new MultiBar({
    // cli-progress types its stream as a tty.WriteStream; callers only pass terminals.
    stream: stream as NodeJS.WriteStream,
    hideCursor: true,
    clearOnComplete: false,
    stopOnComplete: false,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    barsize: 24,
    autopadding: true,
    emptyOnZero: true,
  });
  return {
    add(format, total, fields) {
      const bar = bars.create(total, 0, { ...fields }, { format });
      return {
        update(value, newTotal, newFields) {
          if (newTotal !== bar.getTotal()) bar.setTotal(newTotal);
          bar.update(value, { ...newFields });
        },
      };
    },
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}
