// Entry point of the child process that start.ts spawns; not meant to be run by hand.
// It runs the playground's own CLI `start()` (which parses this process's argv, e.g.
// `start --app-endpoint <url> --port <n> --disable-telemetry`), but with loggers for
// uncaught errors instead of the CLI's handler that exits: the playground throws
// asynchronously when it cannot open a browser or reach the bot, and it should stay up.
//
// A child process rather than in-process because the playground replaces console.* of
// its whole process (to its log file, and nothing on screen when stdout is not a TTY),
// reads its settings from env vars once at load, and returns no server handle to close.
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import { removePlaygroundPid, writePlaygroundPid } from './pidFile.ts';

// process.stderr, not console.error: the playground has taken over console.*.
function report(what: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[playground] ${what} (still running): ${detail}\n`);
}
process.on('uncaughtException', (error) => report('uncaught exception', error));
process.on('unhandledRejection', (reason) => report('unhandled rejection', reason));

// Loopback only. The playground has no authentication (anyone who reaches it can write as any
// mock user and so drive the bot, which runs without authentication in local mode too) and no
// host option: it calls `server.listen(port, cb)`, which binds every interface. So before the
// package is loaded, every listen here that names no host gets 127.0.0.1.
const LOOPBACK = '127.0.0.1';
const requestedPort = Number(process.argv[process.argv.indexOf('--port') + 1]);
const originalListen = net.Server.prototype.listen as (this: net.Server, ...args: unknown[]) => net.Server;
(net.Server.prototype as { listen: (...args: unknown[]) => net.Server }).listen = function listen(this: net.Server, ...args: unknown[]): net.Server {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port, host?, backlog?, cb?): an absent host may be left out or passed as undefined.
    if (second === undefined || second === null) args[1] = LOOPBACK;
    else if (typeof second !== 'string') args.splice(1, 0, LOOPBACK);
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, LOOPBACK); // listen(cb): any free port
  } else if (typeof first === 'object' && first !== null && 'port' in first && !('host' in first && first.host) && !('path' in first && first.path)) {
    args[0] = { ...first, host: LOOPBACK };
  }
  if (this instanceof http.Server) reportOpenedConversations(this);
  // The playground's own server (not its port probe, a plain net.Server) records who holds the port.
  if (this instanceof http.Server && requestedPort > 0) {
    this.once('listening', () => {
      const address = this.address();
      if (typeof address === 'object' && address?.port === requestedPort) {
        writePlaygroundPid(requestedPort, { pid: process.pid, parentPid: process.ppid });
        process.once('exit', () => removePlaygroundPid(requestedPort, process.pid));
      }
    });
  }
  return originalListen.apply(this, args);
};

// The web UI shows only what the bot sends while a page is open (what it gets on connecting, it
// may drop before it has loaded its set-up). When a page opens a conversation, it asks for the
// bot's installation there: tell start.ts over the IPC channel, so it can send what waited.
const watched = new WeakSet<http.Server>();
function reportOpenedConversations(server: http.Server): void {
  if (watched.has(server)) return;
  watched.add(server);
  // Before the playground's own handler, which rewrites request.url as it routes.
  server.prependListener('request', (request: http.IncomingMessage) => {
    const opened = /^\/_debug\/conversation\/([^/?]+)\/installation(?:\?|$)/.exec(request.url ?? '');
    if (request.method !== 'POST' || opened?.[1] === undefined || !process.connected) return;
    try {
      process.send?.({ kind: 'conversationOpened', conversationId: decodeURIComponent(opened[1]) });
    } catch {
      // the launcher is gone; we end with it (below)
    }
  });
}

// End with the process that launched us, however it ended (kill -9 included): an orphan would
// keep the port, and the next `npm start` would find it taken. start.ts opens an IPC channel,
// which the kernel closes when the parent dies; the ppid check covers a launch without one.
if (process.connected) process.once('disconnect', () => process.exit(0));
const launcher = process.ppid;
setInterval(() => {
  if (process.ppid !== launcher) process.exit(0);
}, 1000).unref();

// The package's `main` points at a missing index.js; cli.js loads ./dist, so do we.
const loaded: unknown = createRequire(import.meta.url)('@microsoft/m365agentsplayground/dist/index.js');

function hasStart(value: unknown): value is { start: () => Promise<void> } {
  return typeof value === 'object' && value !== null && 'start' in value && typeof value.start === 'function';
}

if (!hasStart(loaded)) {
  throw new Error('@microsoft/m365agentsplayground no longer exports start(); check the installed version');
}
await loaded.start();
