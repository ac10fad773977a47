import { defineConfig } from 'vitest/config';

// `npm test` never launches the Agents Playground: its checks (*.e2e.test.ts) run only through
// `npm run test:playground`, with vitest.playground.config.ts.

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'generated/**', 'scratch/**', 'data/**', '**/*.e2e.test.ts'],
    // A fresh PGlite runs initdb inside WebAssembly: seconds, not milliseconds, on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['test/support/vitest/assertionCount.ts'],
    reporters: ['default', './test/support/vitest/slowestReporter.ts'],
  },
});
