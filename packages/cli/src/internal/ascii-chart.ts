/** The only module that imports asciichart. */
import asciichart from 'asciichart';

/** Series colours in order (ANSI), used only when colour is enabled. */
const SERIES_COLORS: readonly [string, ...string[]] = [
  asciichart.blue,
  asciichart.green,
  asciichart.magenta,
  asciichart.yellow,
  asciichart.cyan,
  asciichart.red,
];

// The colours repeat after the last; an index that is not a whole number ≥ 0 gets the first.
const colorOf = (index: number): string => SERIES_COLORS[index % SERIES_COLORS.length] ?? SERIES_COLORS[0];

/** Options of {@link renderAsciiChart}. */
export interface AsciiChartOptions {
  /** Plot height in rows. @default 10 */
  readonly heightRows?: number;
  readonly colors?: boolean;
  /** Formats the y-axis labels (keep them the same width). */
  readonly formatY?: (value: number) => string;
}

/** A line chart of one or more equally long series, as terminal text. */
export function renderAsciiChart(series: readonly (readonly number[])[], options: AsciiChartOptions = {}): string {
  return asciichart.plot(
    series.map((s) => [...s]),
    {
      height: options.heightRows ?? 10,
      ...(options.colors ? { colors: series.map((_, i) => colorOf(i)) } : {}),
      ...(options.formatY ? { format: options.formatY } : {}),
    },
  );
}

/** The colour code of series `index`, to draw a matching legend. */
export function seriesColor(index: number): string {
  return colorOf(index);
}

/** Resets the terminal colour after {@link seriesColor}. */
export const COLOR_RESET = asciichart.reset;
