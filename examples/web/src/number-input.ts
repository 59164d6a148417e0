/** Numbers as a physicist types them in a sweep: `1.5`, `-2e-3`, `pi`, `2pi`, `pi/2`, `3*pi/4`. */
const FORM = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)?\s*\*?\s*(pi|π)?\s*(?:\/\s*(\d+\.?\d*))?$/i;

/** The value, or undefined when the text is none of the accepted forms. */
export function parseNumber(text: string): number | undefined {
  const match = FORM.exec(text.trim());
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const factor = match[1] === undefined ? 1 : Number(match[1]);
  const value = match[2] ? factor * Math.PI : factor;
  return match[3] === undefined ? value : value / Number(match[3]);
}
