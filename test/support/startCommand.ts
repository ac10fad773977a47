// What `npm start` runs, read from package.json: "node scripts/build.mjs && node <flags> build/main.mjs".
// Tests and benchmarks run exactly that (flags included) with their own node binary.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const projectRoot = resolve(import.meta.dirname, '..', '..');

export interface StartCommand {
  /** node arguments of the build step (bundling the service). */
  build: string[];
  /** node arguments that run the service. */
  run: string[];
}

export function startCommand(): StartCommand {
  const { scripts } = z.object({ scripts: z.object({ start: z.string() }) }).parse(JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')));
  const steps = scripts.start.split('&&').map((step) => step.trim().split(/\s+/));
  const [build, run] = steps;
  if (steps.length !== 2 || build?.[0] !== 'node' || run?.[0] !== 'node') throw new Error(`Unexpected start script: ${scripts.start}`);
  return { build: build.slice(1), run: run.slice(1) };
}
