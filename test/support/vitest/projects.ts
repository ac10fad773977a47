// Which test files run in the PostgreSQL project of `npm test`: those that name DATABASE_KINDS
// (their describe.each blocks run on the project's kind). Every other file, with no database or
// PGlite only, runs once, in the PGlite project. Read from the files themselves, so a new test
// file needs no list to be kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', 'generated', 'scratch', 'data', 'build', 'coverage', 'test-output']);

function testFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : testFiles(root, path);
    return entry.name.endsWith('.test.ts') && !entry.name.endsWith('.e2e.test.ts') ? [relative(root, path)] : [];
  });
}

export function filesForEveryKind(root: string): string[] {
  return testFiles(root).filter((file) => readFileSync(join(root, file), 'utf8').includes('DATABASE_KINDS'));
}
