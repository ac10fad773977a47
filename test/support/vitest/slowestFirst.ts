// Starts the slowest test files first, across both projects, so that with two workers the run
// does not end with one long file alone on one core. "Slowest" is the time a file took in the
// last run (vitest's own results cache); a file never timed yet (a fresh clone, a new file) is
// taken by its size, which follows the number of tests closely here, and started before the
// timed ones since it may be long.
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer } from 'vitest/node';
import type { TestSpecification } from 'vitest/node';

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cost = (spec: TestSpecification): { timed: boolean; value: number } => {
      const key = `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
      const duration = this.ctx.cache.getFileTestResults(key)?.duration;
      if (duration !== undefined) return { timed: true, value: duration };
      return { timed: false, value: this.ctx.cache.getFileStats(key)?.size ?? statSync(spec.moduleId).size };
    };
    const costs = new Map(files.map((f) => [f, cost(f)]));
    return [...files].sort((a, b) => {
      const ca = costs.get(a)!;
      const cb = costs.get(b)!;
      if (ca.timed !== cb.timed) return ca.timed ? 1 : -1;
      return cb.value - ca.value;
    });
  }
}
