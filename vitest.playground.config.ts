// `npm run test:playground`: the checks against the real Agents Playground (and Debian Chromium),
// with the same timeouts and pool as `npm test` but only the *.e2e.test.ts files, in one run
// (no per-kind projects: the e2e harness picks its own database).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

const { projects: _projects, ...shared } = base.test ?? {};
// One at a time, as before: the e2e files share the playground's port.
export default defineConfig({ test: { ...shared, maxWorkers: 1, include: ['playground/*.e2e.test.ts'], exclude: ['node_modules/**'] } });
