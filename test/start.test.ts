// `npm start` as a user runs it: a separate process that becomes healthy, stops cleanly on
// SIGTERM, and refuses to start on a wrong setting with a message that names it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function startMain(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('Microsoft') && k !== 'DATABASE_URL'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: { ...clean, PLAYGROUND: 'off', ...env } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const waitForOutput = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((done, fail) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const match = output.match(pattern);
        if (match) {
          clearInterval(poll);
          done(match);
        } else if (Date.now() - started > timeoutMs || child.exitCode !== null) {
          clearInterval(poll);
          fail(new Error(`no ${pattern} in output:\n${output}`));
        }
      }, 50);
    });
  return { child, exited, waitForOutput, output: () => output };
}

describe('the service process', () => {
  it('starts on a fresh embedded database, is healthy, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'naft-start-'));
    try {
      const main = startMain({ PORT: '0', DATA_DIR: dataDir });
      const [, url] = await main.waitForOutput(/Ready in \d+ ms: (http:\/\/127\.0\.0\.1:\d+)\/api\/messages/);
      expect(main.output()).toContain('Bot Framework authentication is OFF');
      expect(main.output()).toContain('Seeded reference data');
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(main.output()).toContain('SIGTERM received');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a wrong setting with a message naming the variable, before touching the database', async () => {
    const main = startMain({ PORT: 'abc', DATABASE_URL: 'mysql://nope' });
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('PORT must be a whole number between 0 and 65535 (0 picks a free port) (got "abc")');
    expect(main.output()).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(main.output()).not.toMatch(/\n\s+at /);
  });

  it('explains a database that cannot be reached instead of crashing with a stack of noise', async () => {
    const main = startMain({ PORT: '0', DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/naft' });
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('Could not start');
  });
});
