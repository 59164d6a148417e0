/**
 * The only module that imports the terminal libraries: cli-table3 (tables), cli-progress (the
 * live display on a TTY), asciichart (a plot in the terminal) and picocolors.
 */
import asciichart from 'asciichart';
import { MultiBar, Presets } from 'cli-progress';
import Table from 'cli-table3';
import pc from 'picocolors';

export { pc as colors };

/** A boxed table. */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const t = new Table({ head: head.map((h) => pc.bold(h)), style: { head: [], border: [] } });
  for (const row of rows) t.push(row.map(String));
  return t.toString();
}

/** A line plot of one or more series in the terminal. */
export function asciiPlot(series: readonly (readonly number[])[], height = 10): string {
  return asciichart.plot(series.map((s) => [...s]), { height, colors: [asciichart.blue, asciichart.green, asciichart.magenta, asciichart.yellow] });
}

/** What a progress display shows. */
export interface ProgressView {
  readonly done: number;
  readonly total: number;
  readonly jobs: string;
  readonly elapsedMs: number;
  readonly remainingMs: number | undefined;
}

const seconds = (ms: number | undefined): string => (ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`);

/** A live bar on a TTY, plain log lines (on change) otherwise. */
export function progressDisplay(stream: NodeJS.WriteStream): { update(view: ProgressView): void; stop(): void } {
  if (stream.isTTY) {
    const bars = new MultiBar({ stream, format: ' {bar} {value}/{total} experiments | {jobs} | elapsed {elapsed} | remaining {remaining}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
    let bar: ReturnType<MultiBar['create']> | undefined;
    return {
      update(view) {
        const payload = { jobs: view.jobs, elapsed: seconds(view.elapsedMs), remaining: seconds(view.remainingMs) };
        if (!bar) bar = bars.create(view.total, view.done, payload);
        else bar.update(view.done, payload);
      },
      stop: () => bars.stop(),
    };
  }
  let last = '';
  return {
    update(view) {
      const line = `progress: ${view.done}/${view.total} experiments; jobs ${view.jobs}; elapsed ${seconds(view.elapsedMs)}; remaining ${seconds(view.remainingMs)}`;
      const key = `${view.done}|${view.jobs}`;
      if (key !== last) stream.write(`${line}\n`);
      last = key;
    },
    stop: () => undefined,
  };
}
