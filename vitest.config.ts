import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'generated/**', 'scratch/**', 'data/**'],
    // A fresh PGlite runs initdb inside WebAssembly: seconds, not milliseconds, on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
