// `npm start` as a user runs it: a separate process that becomes healthy, stops cleanly on
// SIGTERM, refuses to start on a wrong setting with a message that names it, says what is in
// the way when it cannot start, and simply starts again after being killed with kill -9.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOurPlayground, isRunning, readPlaygroundPid } from '../playground/pidFile.ts';
import { startCommand } from './support/startCommand.ts';

const root = resolve(import.meta.dirname, '..');

// Exactly what `npm start` runs (its node flags included), with this test's node binary: the
// bundle is built once for the file, then every start runs it.
const { build, run: startArgs } = startCommand();
execFileSync(process.execPath, build, { cwd: root, stdio: 'inherit' });

const STACK_LINE = /\n\s+at /;

function startMain(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('Microsoft') && !['DATABASE_URL', 'PORT', 'PLAYGROUND_PORT', 'DATA_DIR', 'LOG_LEVEL', 'NODE_OPTIONS'].includes(k)));
  const child = spawn(process.execPath, startArgs, { cwd: root, env: { ...clean, PLAYGROUND: 'off', ...env } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const waitForOutput = (pattern: RegExp, timeoutMs = 90_000) =>
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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Waits (without asserting on time) until `condition` holds or `timeoutMs` has passed. */
async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
}

/** Ends whatever a test started, also when it failed half-way. */
function processJanitor() {
  const children: ChildProcess[] = [];
  const playgroundPids = new Set<number>();
  return {
    track: <T extends { child: ChildProcess }>(main: T): T => {
      children.push(main.child);
      return main;
    },
    trackPlayground: (pid: number | undefined) => {
      if (pid !== undefined) playgroundPids.add(pid);
    },
    async cleanUp() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      for (const pid of playgroundPids) if (isRunning(pid) && isOurPlayground(pid)) process.kill(pid, 'SIGKILL');
      await waitUntil(() => [...playgroundPids].every((pid) => !isRunning(pid)), 5_000);
    },
  };
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
      // restify's spdy dependency warns about process.binding('http_parser') unless silenced.
      expect(main.output()).not.toContain('DeprecationWarning');
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

describe('after a crash (kill -9), npm start simply starts again', () => {
  it('the playground ends with the killed service, and the next start brings both up on the same ports', { timeout: 240_000 }, async () => {
    const janitor = processJanitor();
    const dataDir = await mkdtemp(join(tmpdir(), 'naft-start-'));
    try {
      const port = await freePort();
      const playgroundPort = await freePort();
      const env = { PORT: String(port), PLAYGROUND: 'on', PLAYGROUND_PORT: String(playgroundPort), DATA_DIR: dataDir };

      const first = janitor.track(startMain(env));
      await first.waitForOutput(/Agents Playground \(local Teams\): http:\/\/127\.0\.0\.1:\d+/);
      const firstPlayground = readPlaygroundPid(playgroundPort);
      janitor.trackPlayground(firstPlayground?.pid);
      expect(firstPlayground?.parentPid).toBe(first.child.pid);
      expect(first.output()).not.toContain('DeprecationWarning');
      expect(first.output()).not.toMatch(STACK_LINE);

      first.child.kill('SIGKILL');
      await first.exited;
      await waitUntil(() => !isRunning(firstPlayground!.pid), 15_000);
      expect(isRunning(firstPlayground!.pid)).toBe(false);

      const second = janitor.track(startMain(env));
      const [, playgroundUrl] = await second.waitForOutput(/Agents Playground \(local Teams\): (http:\/\/127\.0\.0\.1:\d+)/);
      janitor.trackPlayground(readPlaygroundPid(playgroundPort)?.pid);
      expect(playgroundUrl).toBe(`http://127.0.0.1:${playgroundPort}`);
      expect(second.output()).toContain(`Ready in`);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`${playgroundUrl}/_debug/ping`)).status).toBe(200);
      expect(second.output()).not.toContain('DeprecationWarning');
      expect(second.output()).not.toMatch(STACK_LINE);
      expect(second.output()).not.toContain('ERROR');

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await janitor.cleanUp();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform !== 'linux')('stops a playground that an earlier run left behind, and starts its own', { timeout: 240_000 }, async () => {
    const janitor = processJanitor();
    const dataDir = await mkdtemp(join(tmpdir(), 'naft-start-'));
    try {
      const port = await freePort();
      const playgroundPort = await freePort();
      // An orphan, as an earlier version (or a launcher killed before the child noticed) leaves
      // it: started through a shell that exits at once, so init adopts it, with no IPC channel.
      const shell = spawn('sh', ['-c', '"$0" --import tsx playground/playground-process.ts start --app-endpoint "$1" --port "$2" --disable-telemetry >/dev/null 2>&1 & echo $!', process.execPath, `http://127.0.0.1:${port}/api/messages`, String(playgroundPort)], {
        cwd: root,
        env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, '.m365agentsplayground.yml'), M365_AGENTS_PLAYGROUND_LOGFILE: join(dataDir, 'orphan.log') },
      });
      let shellOutput = '';
      shell.stdout.on('data', (d: Buffer) => (shellOutput += d.toString()));
      await new Promise((done) => shell.once('exit', done));
      const orphanPid = Number(shellOutput.trim());
      janitor.trackPlayground(orphanPid);
      await waitUntil(() => readPlaygroundPid(playgroundPort)?.pid === orphanPid, 60_000);
      expect(readPlaygroundPid(playgroundPort)?.pid).toBe(orphanPid);
      expect((await fetch(`http://127.0.0.1:${playgroundPort}/_debug/ping`)).status).toBe(200);

      const main = janitor.track(startMain({ PORT: String(port), PLAYGROUND: 'on', PLAYGROUND_PORT: String(playgroundPort), DATA_DIR: dataDir }));
      await main.waitForOutput(/Agents Playground \(local Teams\): http:\/\/127\.0\.0\.1:\d+/);
      const replacement = readPlaygroundPid(playgroundPort);
      janitor.trackPlayground(replacement?.pid);
      expect(main.output()).toContain(`Stopping the Agents Playground left over from an earlier run (pid ${orphanPid}, port ${playgroundPort})`);
      expect(isRunning(orphanPid)).toBe(false);
      expect(replacement?.parentPid).toBe(main.child.pid);
      expect((await fetch(`http://127.0.0.1:${playgroundPort}/_debug/ping`)).status).toBe(200);
      expect(main.output()).not.toMatch(STACK_LINE);

      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
    } finally {
      await janitor.cleanUp();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
