// Setup file: records how many assertions each test made, on the test's meta (which vitest
// sends to the reporters), so `npm test` can print a total beside the number of tests and a
// change that silently drops assertions shows at the end of a run.
import { afterEach, expect } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    assertionCalls?: number;
  }
}

afterEach((context) => {
  context.task.meta.assertionCalls = expect.getState().assertionCalls;
});
