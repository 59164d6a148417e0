/**
 * The scan drawn as SVG, by hand (a plotting library would outweigh the rest of the page): for one
 * swept parameter, mean ± standard error per point for each measured value; for two, a heat map of
 * the first value's mean. Every point carries its numbers as data attributes (`data-x`,
 * `data-mean`, `data-se`), which the browser test reads back.
 */
import type { PointStats } from './point-stats.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { left: 56, right: 16, top: 16, bottom: 44 } as const;
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'] as const;

function el<K extends keyof SVGElementTagNameMap>(name: K, attributes: Readonly<Record<string, string | number>>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function extent(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  if (!Number.isFinite(lo)) return [0, 1];
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3))));

function axes(svg: SVGSVGElement, x: [number, number], y: [number, number], xLabel: string, yLabel: string): void {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  svg.append(el('rect', { x: MARGIN.left, y: MARGIN.top, width: plotW, height: plotH, fill: 'none', stroke: '#888' }));
  for (let i = 0; i <= 4; i++) {
    const vx = x[0] + ((x[1] - x[0]) * i) / 4;
    const vy = y[0] + ((y[1] - y[0]) * i) / 4;
    const px = MARGIN.left + (plotW * i) / 4;
    const py = MARGIN.top + plotH - (plotH * i) / 4;
    svg.append(el('text', { x: px, y: HEIGHT - MARGIN.bottom + 16, 'text-anchor': 'middle', 'font-size': 11 }, fmt(vx)));
    svg.append(el('text', { x: MARGIN.left - 6, y: py + 4, 'text-anchor': 'end', 'font-size': 11 }, fmt(vy)));
  }
  svg.append(el('text', { x: MARGIN.left + plotW / 2, y: HEIGHT - 6, 'text-anchor': 'middle', 'font-size': 12 }, xLabel));
  svg.append(
    el('text', { x: 14, y: MARGIN.top + plotH / 2, 'text-anchor': 'middle', 'font-size': 12, transform: `rotate(-90 14 ${MARGIN.top + plotH / 2})` }, yLabel),
  );
}

/** Mean ± s.e. against one parameter, one series per measured value. */
function linePlot(svg: SVGSVGElement, points: readonly PointStats[], parameter: string): void {
  const width = Math.max(0, ...points.map((p) => p.mean.length));
  const xs = points.map((p) => p.values[parameter] ?? Number.NaN);
  const ys = points.flatMap((p) => p.mean.flatMap((m, k) => [m - (p.standardError[k] ?? 0), m + (p.standardError[k] ?? 0)]));
  const x = extent(xs);
  const y = extent(ys);
  axes(svg, x, y, parameter, 'mean ± s.e.');
  const sx = (v: number): number => MARGIN.left + ((v - x[0]) / (x[1] - x[0])) * (WIDTH - MARGIN.left - MARGIN.right);
  const sy = (v: number): number => HEIGHT - MARGIN.bottom - ((v - y[0]) / (y[1] - y[0])) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  for (let k = 0; k < width; k++) {
    const color = COLORS[k % COLORS.length]!;
    const series = el('g', { class: 'series', 'data-series': k });
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(xs[i]!).toFixed(1)},${sy(p.mean[k] ?? Number.NaN).toFixed(1)}`).join(' ');
    series.append(el('path', { d: path, fill: 'none', stroke: color, 'stroke-opacity': 0.5 }));
    points.forEach((p, i) => {
      const m = p.mean[k] ?? Number.NaN;
      const se = p.standardError[k] ?? 0;
      series.append(el('line', { x1: sx(xs[i]!), x2: sx(xs[i]!), y1: sy(m - se), y2: sy(m + se), stroke: color }));
      series.append(
        el('circle', {
          class: 'point',
          cx: sx(xs[i]!),
          cy: sy(m),
          r: 3,
          fill: color,
          'data-x': xs[i]!,
          'data-mean': m,
          'data-se': se,
          'data-experiment': p.experiment,
        }),
      );
    });
    svg.append(series);
    if (width > 1)
      svg.append(el('text', { x: WIDTH - MARGIN.right - 4, y: MARGIN.top + 14 + 14 * k, 'text-anchor': 'end', 'font-size': 11, fill: color }, `value ${k}`));
  }
}

/** The first value's mean over two parameters, as colored cells (light: low, dark: high). */
function heatMap(svg: SVGSVGElement, points: readonly PointStats[], first: string, second: string): void {
  const xsAll = [...new Set(points.map((p) => p.values[first] ?? Number.NaN))].sort((a, b) => a - b);
  const ysAll = [...new Set(points.map((p) => p.values[second] ?? Number.NaN))].sort((a, b) => a - b);
  const means = points.map((p) => p.mean[0] ?? Number.NaN);
  const [lo, hi] = extent(means);
  axes(svg, extent(xsAll), extent(ysAll), first, second);
  const cellW = (WIDTH - MARGIN.left - MARGIN.right) / xsAll.length;
  const cellH = (HEIGHT - MARGIN.top - MARGIN.bottom) / ysAll.length;
  for (const p of points) {
    const i = xsAll.indexOf(p.values[first] ?? Number.NaN);
    const j = ysAll.indexOf(p.values[second] ?? Number.NaN);
    const m = p.mean[0] ?? Number.NaN;
    const t = (m - lo) / (hi - lo);
    const cell = el('rect', {
      class: 'point',
      x: MARGIN.left + i * cellW,
      y: HEIGHT - MARGIN.bottom - (j + 1) * cellH,
      width: cellW + 0.5,
      height: cellH + 0.5,
      fill: `hsl(220 70% ${Math.round(92 - 62 * (Number.isFinite(t) ? t : 0))}%)`,
      'data-x': p.values[first] ?? '',
      'data-y': p.values[second] ?? '',
      'data-mean': m,
      'data-se': p.standardError[0] ?? 0,
      'data-experiment': p.experiment,
    });
    cell.append(
      el(
        'title',
        {},
        `${first}=${fmt(p.values[first] ?? Number.NaN)}, ${second}=${fmt(p.values[second] ?? Number.NaN)}: ${fmt(m)} ± ${fmt(p.standardError[0] ?? 0)}`,
      ),
    );
    svg.append(cell);
  }
}

/** Draws the points so far into `host` (replacing what was there). */
export function drawScan(host: Element, points: readonly PointStats[], parameters: readonly string[]): void {
  const svg = el('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', id: 'scan-plot' });
  if (points.length > 0) {
    if (parameters.length >= 2) heatMap(svg, points, parameters[0]!, parameters[1]!);
    else linePlot(svg, points, parameters[0] ?? 'experiment');
  }
  host.replaceChildren(svg);
}
