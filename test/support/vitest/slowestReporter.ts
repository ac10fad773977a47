// Prints, at the end of `npm test`, the ten slowest test files (so the next slow file is seen
// the day it lands) and the totals of tests and assertions (so a change that drops some shows).
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 10;

/** Wall time of one file in its worker: environment, imports, setup files and every test and hook. */
export function moduleSeconds(module: TestModule): number {
  const d = module.diagnostic();
  return (d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration) / 1000;
}

export default class SlowestReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let tests = 0;
    let assertions = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        if (test.result().state !== 'passed') continue;
        tests += 1;
        assertions += test.meta().assertionCalls ?? 0;
      }
    }
    const slowest = [...modules].sort((a, b) => moduleSeconds(b) - moduleSeconds(a)).slice(0, SHOWN);
    const lines = slowest.map((m) => `  ${moduleSeconds(m).toFixed(1).padStart(6)} s  ${m.project.name ? `[${m.project.name}] ` : ''}${relative(process.cwd(), m.moduleId)}`);
    process.stdout.write(`\nSlowest test files:\n${lines.join('\n')}\nPassed: ${tests} tests, ${assertions} assertions\n`);
  }
}
