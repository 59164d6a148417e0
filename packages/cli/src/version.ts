import { readFileSync } from 'node:fs';

/** This package's version (read once; the same file serves sources and the build). */
export const CLI_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
