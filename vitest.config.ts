import { defineConfig } from 'vitest/config';

// `npm test` never launches the Agents Playground; `npm run test:playground` checks the
// playground behaviour the bot relies on (ids, tenant, card actions) against the real emulator.
const playgroundOnly = process.env.PLAYGROUND_E2E === '1';

export default defineConfig({
  test: {
    include: playgroundOnly ? ['playground/*.e2e.test.ts'] : ['**/*.test.ts'],
    exclude: ['node_modules/**', 'generated/**', 'scratch/**', 'data/**', ...(playgroundOnly ? [] : ['**/*.e2e.test.ts'])],
    // A fresh PGlite runs initdb inside WebAssembly: seconds, not milliseconds, on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
