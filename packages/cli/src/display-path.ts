import path from 'node:path';

/** A path as users like to read it: relative when inside the working folder, absolute otherwise. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
