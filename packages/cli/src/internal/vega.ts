/** The only module that imports vega and vega-lite: SVG rendered headless (no canvas needed). */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A vega-lite specification (the plot builders produce plain objects of this shape). */
export type PlotSpec = TopLevelSpec;

/** Renders a vega-lite specification to an SVG document. */
export async function renderSvg(spec: PlotSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
