import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { filesForEveryKind } from './test/support/vitest/projects.ts';

// `npm test` never launches the Agents Playground: its checks (*.e2e.test.ts) run only through
// `npm run test:playground`, with vitest.playground.config.ts.
//
// Two projects, one per database kind, run side by side: the PGlite one has every file, the
// PostgreSQL one the files that test on each kind (see test/support/vitest/projects.ts). Files
// are independent (their own databases, ports picked by the system, their own temp folders), so
// they run in parallel, slowest first.

const root = import.meta.dirname;

export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'generated/**', 'scratch/**', 'data/**', '**/*.e2e.test.ts'],
    // Generous: a test that waits for the service under a loaded machine must not time out.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // At least two: most files wait on PostgreSQL, a child process or the browser much of the time.
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ['test/support/vitest/migrateOnce.ts'],
    setupFiles: ['test/support/vitest/assertionCount.ts'],
    reporters: ['default', './test/support/vitest/slowestReporter.ts'],
    sequence: { sequencer: (await import('./test/support/vitest/slowestFirst.ts')).default },
    projects: [
      // Each project names its files: an `include` here would add to one above, not replace it.
      { extends: true, test: { name: 'pglite', include: ['**/*.test.ts'], env: { TEST_DATABASE_KINDS: 'pglite' } } },
      { extends: true, test: { name: 'postgres', include: filesForEveryKind(root), env: { TEST_DATABASE_KINDS: 'postgres' } } },
    ],
  },
});
