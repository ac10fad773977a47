// Starts the Microsoft 365 Agents Playground (mock Teams client + connector) against a
// bot endpoint, headless: no browser is opened, the URL is printed instead.
//
//   npm run playground          (bot expected at http://127.0.0.1:${PORT ?? 3978}/api/messages,
//                               playground on ${PLAYGROUND_PORT ?? 56150})
//
// Both listen on 127.0.0.1 only (see playground-process.ts); URLs say 127.0.0.1 rather than
// localhost, which may resolve to ::1 first.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ConfigError, defaultPlaygroundPort, loadConfig } from '../config/env.ts';
import { checkDemoConfigMatches, defaultPlaygroundConfigPath } from './demo-yml.ts';
import { isOrphaned, isOurPlayground, isRunning, readPlaygroundPid, removePlaygroundPid } from './pidFile.ts';

export interface StartPlaygroundOptions {
  botEndpoint: string;
  /** 56150 by default; 0 picks a free port (useful for parallel tests). */
  port?: number;
  /** `.m365agentsplayground.yml` at the repo root by default. */
  configPath?: string;
  /** How long to wait until the playground answers HTTP; 30 s by default. */
  readyTimeoutMs?: number;
  /** Where to say that a playground left over from an earlier run was stopped. */
  log?: (line: string) => void;
  /**
   * Called when a page of the web UI opens a conversation for the first time (a page that loads
   * opens the current user's 1:1 chat first). A page shows only what the bot sends after that.
   */
  onConversationOpened?: (conversationId: string) => void;
}

export interface PlaygroundHandle {
  url: string;
  port: number;
  /** The playground writes its console output here, not to the terminal; close() removes it. */
  logFile: string;
  /** Settles with the exit code when the playground process ends, for whatever reason. */
  exited: Promise<number | null>;
  close: () => Promise<void>;
}

/** What playground-process.ts says over the IPC channel. */
const ZOpened = z.object({ kind: z.literal('conversationOpened'), conversationId: z.string() });

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const childScript = fileURLToPath(new URL('./playground-process.ts', import.meta.url));

export async function startPlayground(opts: StartPlaygroundOptions): Promise<PlaygroundHandle> {
  const botEndpoint = new URL(opts.botEndpoint).href; // throws on a malformed URL
  const requestedPort = opts.port ?? defaultPlaygroundPort;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new Error(`Invalid playground port: ${requestedPort}`);
  }
  const configPath = resolve(opts.configPath ?? defaultPlaygroundConfigPath);
  // A missing file is not an error for the playground: it silently uses its built-in
  // users (Alex Wilber & co.), which would make every id in the activities wrong.
  if (!existsSync(configPath)) throw new Error(`Playground config not found: ${configPath}`);
  const logFile = join(tmpdir(), `m365agentsplayground-${process.pid}-${Date.now()}.log`);
  if (requestedPort !== 0) await stopStalePlayground(requestedPort, opts.log ?? (() => {}));

  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx', // resolved from cwd (the repo root), like `node --import tsx`
      childScript,
      'start',
      '--app-endpoint', botEndpoint,
      '--port', String(requestedPort), // 0: the playground picks a free port
      '--channel-id', 'msteams', // the default, unless DEFAULT_CHANNEL_ID is set; installationUpdate is Teams-only
      '--disable-telemetry',
      // Its default is http://localhost:<port>/_connector, and the playground listens on 127.0.0.1 only.
      ...(requestedPort !== 0 ? ['--service-url', `http://127.0.0.1:${requestedPort}/_connector`] : []),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none', // the only switch that stops it opening a browser
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        // Default is ./devTools/m365agentsplayground.log in the cwd: keep the repo clean.
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
      // The IPC channel is how the child notices that we are gone, even after a kill -9.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );

  child.on('message', (message: unknown) => {
    const opened = ZOpened.safeParse(message);
    if (opened.success) opts.onConversationOpened?.(opened.data.conversationId);
  });

  const { stdout, stderr } = child;
  if (!stdout || !stderr) throw new Error('The playground process has no stdout/stderr pipes');
  const stderrTail: string[] = [];
  stderr.setEncoding('utf8').on('data', (chunk: string) => {
    process.stderr.write(chunk.replace(/^(?!\[playground\])(?=.)/gm, '[playground] '));
    stderrTail.push(chunk);
    if (stderrTail.length > 20) stderrTail.shift();
  });

  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit); // never leave an orphan holding the port

  const close = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (child.pid !== undefined && requestedPort !== 0) removePlaygroundPid(requestedPort, child.pid);
    rmSync(logFile, { force: true });
  };

  try {
    const port = await waitForListeningPort(stdout, exited, stderrTail, opts.readyTimeoutMs ?? 30_000);
    if (requestedPort !== 0 && port !== requestedPort) {
      // The playground silently moves to a random port when its port is taken; whatever holds
      // the usual port would then answer in its place.
      throw new Error(`Port ${requestedPort} is already in use by another program — stop it or set PLAYGROUND_PORT`);
    }
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/_debug/ping`, exited, opts.readyTimeoutMs ?? 30_000);
    return { url, port, logFile, exited, close };
  } catch (error) {
    const tail = logTail(logFile); // config errors and the like only reach the log file
    await close();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`, { cause: error });
  }
}

/**
 * A playground that outlived the `npm start` that launched it (one from before the IPC channel,
 * or a launcher that died in a way the child did not notice) still holds the port: stop it. Only
 * a process that the pid file names, that runs our playground-process.ts and whose launcher is
 * gone is stopped; one that belongs to another running `npm start` is left alone.
 */
async function stopStalePlayground(port: number, log: (line: string) => void): Promise<void> {
  const entry = readPlaygroundPid(port);
  if (!entry) return;
  if (!isRunning(entry.pid) || !isOurPlayground(entry.pid)) {
    removePlaygroundPid(port, entry.pid);
    return;
  }
  if (!isOrphaned(entry)) {
    throw new Error(`Port ${port} is taken by another running Agents Playground (pid ${entry.pid}, started by pid ${entry.parentPid}: another \`npm start\`?) — stop that one or set PLAYGROUND_PORT`);
  }
  log(`Stopping the Agents Playground left over from an earlier run (pid ${entry.pid}, port ${port})`);
  for (const [signal, waitMs] of [['SIGTERM', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(entry.pid, signal);
    } catch {
      break; // gone already
    }
    const deadline = Date.now() + waitMs;
    while (isRunning(entry.pid) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    if (!isRunning(entry.pid)) break;
  }
  if (isRunning(entry.pid)) throw new Error(`The Agents Playground left over from an earlier run (pid ${entry.pid}) does not stop; it holds port ${port}`);
  removePlaygroundPid(port, entry.pid);
}

function logTail(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15);
    return `Last lines of ${logFile}:\n  ${lines.join('\n  ')}`;
  } catch {
    return `(no playground log at ${logFile})`;
  }
}

// With stdout not a TTY, the playground writes exactly "Listening on <port>\n" to it.
function waitForListeningPort(
  stdout: NodeJS.ReadableStream,
  exited: Promise<number | null>,
  stderrTail: string[],
  timeoutMs: number,
): Promise<number> {
  return new Promise((done, fail) => {
    let buffered = '';
    const timer = setTimeout(() => fail(new Error(`Playground did not start within ${timeoutMs} ms`)), timeoutMs);
    stdout.setEncoding('utf8');
    stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const match = /Listening on (\d+)/.exec(buffered);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        done(Number(match[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`Playground exited (code ${code}) before listening:\n${stderrTail.join('')}`));
    });
  });
}

async function waitForHttp(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !hasExited) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(hasExited ? 'Playground exited while starting' : `${url} did not answer within ${timeoutMs} ms`);
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  let config;
  try {
    config = loadConfig(process.env); // PORT: the bot's own port; PLAYGROUND_PORT: this one's
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  if (config.port === 0) {
    console.error('Set PORT to the port the bot listens on (not 0).');
    process.exit(1);
  }
  const drift = checkDemoConfigMatches(readFileSync(defaultPlaygroundConfigPath, 'utf8'));
  if (drift.length > 0) {
    console.warn(`Warning: .m365agentsplayground.yml differs from playground/demo.ts:\n  ${drift.join('\n  ')}`);
  }
  const botEndpoint = `http://127.0.0.1:${config.port}/api/messages`;
  const playground = await startPlayground({ botEndpoint, port: config.playgroundPort, log: (line) => console.log(line) });
  console.log(`Microsoft 365 Agents Playground: open ${playground.url} in a browser`);
  console.log(`Bot endpoint: ${botEndpoint} (start the bot separately)`);
  console.log(`Playground log: ${playground.logFile}`);
  console.log('Stop with Ctrl+C.');
  let stopping = false;
  const stop = (): void => {
    stopping = true;
    void playground.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Ctrl+C also reaches the playground itself, which then exits with 0 on its own.
  void playground.exited.then(async (code) => {
    if (stopping) return;
    if (code !== 0) {
      console.error(`Playground stopped unexpectedly (exit code ${code}); see ${playground.logFile}`);
      process.exit(1); // keeps the log file for a look
    }
    await playground.close(); // only removes the log file by now
    process.exit(0);
  });
}
