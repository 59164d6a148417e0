/**
 * The page is built from the packages' built `dist/` (run `pnpm build` first; `pnpm web` does),
 * through their `browser` export conditions. Workers are ES modules: the simulator's worker
 * imports the physics as modules.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * mathjs 6 as CommonJS: its ESM build (what Vite picks by the `module` field) has no default
 * export, which circuit-plugin's browser entry imports; the CommonJS main has one, and
 * quantum-circuit's own `require('mathjs')` then shares that copy.
 */
const mathjsMain = createRequire(createRequire(import.meta.url).resolve('@coldatom/circuit-plugin/package.json')).resolve('mathjs');

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: [{ find: /^mathjs$/, replacement: mathjsMain }] },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
});
