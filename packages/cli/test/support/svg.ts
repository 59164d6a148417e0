import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

/** Parses an SVG document as strict XML; any well-formedness error throws. */
export function parseSvg(text: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`SVG is not well-formed XML: ${message}`);
    },
  }).parseFromString(text, 'image/svg+xml');
}

const elements = (doc: Document, tag: string): Element[] => Array.from(doc.getElementsByTagName(tag));

/** The series (`measured: …` in the accessible label) of every line-mark path: one path per drawn series. */
export function lineSeriesLabels(doc: Document): string[] {
  return elements(doc, 'path')
    .filter((p) => p.getAttribute('aria-roledescription') === 'line mark')
    .map((p) => /measured: (.*)$/.exec(p.getAttribute('aria-label') ?? '')?.[1] ?? '');
}

/** The texts of the legend entries. */
export function legendLabels(doc: Document): string[] {
  return elements(doc, 'g')
    .filter((g) => (g.getAttribute('class') ?? '').includes('role-legend-label'))
    .flatMap((g) => Array.from(g.getElementsByTagName('text')).map((t) => t.textContent ?? ''));
}

/** How many elements carry a role description (e.g. `rect mark`, `rule mark`). */
export function countRole(doc: Document, role: string): number {
  return elements(doc, 'path')
    .concat(elements(doc, 'line'), elements(doc, 'rect'))
    .filter((e) => e.getAttribute('aria-roledescription') === role).length;
}
