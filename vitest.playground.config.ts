// `npm run test:playground`: the checks against the real Agents Playground (and Debian Chromium),
// with the same timeouts and pool as `npm test` but only the *.e2e.test.ts files.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({ test: { ...base.test, include: ['playground/*.e2e.test.ts'], exclude: ['node_modules/**'] } });
