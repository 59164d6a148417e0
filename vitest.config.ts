import { defineConfig } from 'vitest/config';

// The custom condition lets tests run against workspace sources without a build. It must be set on
// `ssr.resolve` too: node tests resolve through the SSR pipeline, not through `resolve`.
const conditions = ['@coldatom/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['./test/setup/nock.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
