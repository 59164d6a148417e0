/** The only module that imports picocolors. */
import { createColors } from 'picocolors';

/** Text styles; plain strings when `enabled` is false (output is not a terminal, or NO_COLOR). */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** A palette that colours only when asked to. */
export function palette(enabled: boolean): Palette {
  const c = createColors(enabled);
  return { bold: c.bold, dim: c.dim, red: c.red, green: c.green, yellow: c.yellow, cyan: c.cyan };
}
