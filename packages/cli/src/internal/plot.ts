/** The only module that imports vega / vega-lite: SVG plots rendered headless (no canvas needed). */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One plotted point: a scan value, a series (measured wire) and mean ± standard error. */
export interface SeriesPoint {
  readonly x: number;
  readonly series: string;
  readonly mean: number;
  readonly stderr: number;
}

async function render(spec: TopLevelSpec): Promise<string> {
  return new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' }).toSVG();
}

/** Mean ± standard error versus one scan parameter, one coloured series per measured wire. */
export function lineChart(points: readonly SeriesPoint[], xTitle: string, yTitle: string, title: string): Promise<string> {
  const values = points.map((p) => ({ ...p, lo: p.mean - p.stderr, hi: p.mean + p.stderr }));
  const x = { field: 'x', type: 'quantitative' as const, title: xTitle };
  const color = { field: 'series', type: 'nominal' as const, title: 'measured' };
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 480,
    height: 280,
    data: { values },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: yTitle }, color } },
      { mark: 'errorbar', encoding: { x, y: { field: 'lo', type: 'quantitative', title: yTitle }, y2: { field: 'hi' }, color } },
    ],
  });
}

/** A heat map of the mean of the first measured wire over two scan parameters. */
export function heatMap(cells: readonly { x: number; y: number; mean: number }[], xTitle: string, yTitle: string, title: string): Promise<string> {
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 420,
    height: 320,
    data: { values: [...cells] },
    mark: 'rect',
    encoding: {
      x: { field: 'x', type: 'ordinal', title: xTitle, axis: { format: '.3~g' } },
      y: { field: 'y', type: 'ordinal', title: yTitle, axis: { format: '.3~g' } },
      color: { field: 'mean', type: 'quantitative', title: 'mean' },
    },
  });
}
