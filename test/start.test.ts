// `npm start` as a user runs it: a separate process that becomes healthy, stops cleanly on
// SIGTERM, refuses to start on a wrong setting with a message that names it, and says what is in
// the way when it cannot start.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

const STACK_LINE = /\n\s+at /;

function startMain(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('Microsoft') && !['DATABASE_URL', 'PORT', 'PLAYGROUND_PORT', 'DATA_DIR', 'LOG_LEVEL', 'NODE_OPTIONS'].includes(k)));
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
      expect(main.output()).not.toMatch(STACK_LINE);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a wrong setting with a message naming the variable, before touching the database', async () => {
    const main = startMain({ PORT: 'abc', DATABASE_URL: 'mysql://nope' });
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('PORT must be a whole number between 0 and 65535 (0 picks a free port) (got "abc")');
    expect(main.output()).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(main.output()).not.toMatch(STACK_LINE);
  });

  it('explains a database that cannot be reached instead of crashing with a stack of noise', async () => {
    const main = startMain({ PORT: '0', DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/naft' });
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('Could not start: PostgreSQL is not reachable at 127.0.0.1:1 (connection refused) — check DATABASE_URL and that PostgreSQL is running');
    expect(main.output()).not.toMatch(STACK_LINE);
  });

  it('says that the port is in use, not that the data folder is the problem', async () => {
    const holder: Server = createServer();
    await new Promise<void>((done) => holder.listen(0, '127.0.0.1', done));
    const dataDir = await mkdtemp(join(tmpdir(), 'naft-start-'));
    try {
      const { port } = holder.address() as AddressInfo;
      const main = startMain({ PORT: String(port), DATA_DIR: dataDir });
      expect(await main.exited).toBe(1);
      expect(main.output()).toContain(`Could not start: Port ${port} is already in use (is another \`npm start\` still running?) — stop it or set PORT`);
      expect(main.output()).not.toMatch(/writable|data folder/);
      expect(main.output()).not.toMatch(STACK_LINE);
    } finally {
      await new Promise<void>((done) => holder.close(() => done()));
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('says when the data folder cannot be written, or is in use by another running service', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'naft-start-'));
    try {
      const notAFolder = join(scratch, 'file');
      await writeFile(notAFolder, '');
      const unwritable = startMain({ PORT: '0', DATA_DIR: join(notAFolder, 'data') });
      expect(await unwritable.exited).toBe(1);
      expect(unwritable.output()).toContain(`Could not start: The data folder ${join(notAFolder, 'data')} is not writable (ENOTDIR) — fix its permissions or set DATA_DIR to a writable folder`);
      expect(unwritable.output()).not.toMatch(STACK_LINE);

      // This test's own process stands in for a service that holds the folder.
      const held = join(scratch, 'held');
      await mkdir(held);
      await writeFile(join(held, 'naft-service.pid'), `${process.pid}\n`);
      const second = startMain({ PORT: '0', DATA_DIR: held });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`Could not start: The data folder ${held} is in use by another process (pid ${process.pid}; is another \`npm start\` still running?)`);
      expect(second.output()).not.toMatch(STACK_LINE);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
