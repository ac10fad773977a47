// A small leveled logger to stderr; one line per event so logs stay greppable in any host.
import type { Config } from '../config/env.ts';

type Level = Config['logLevel'];
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export function createLogger(level: Level, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const at = (l: Level, msg: string) => {
    if (order[l] >= order[level]) write(`${new Date().toISOString()} ${l.toUpperCase().padEnd(5)} ${msg}`);
  };
  return {
    debug: (m) => at('debug', m),
    info: (m) => at('info', m),
    warn: (m) => at('warn', m),
    error: (m, err) => at('error', err instanceof Error ? `${m}: ${err.stack ?? err.message}` : err === undefined ? m : `${m}: ${String(err)}`),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
