// One service per PGlite folder. PGlite takes no lock on its folder: two processes opening the
// same one both succeed and then overwrite each other's pages. So the service keeps its pid in a
// file in the folder while it runs, and a second service on the same folder refuses to start.
// A file left by a process that no longer runs (kill -9, power cut) is simply taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StartupError } from './preflight.ts';

export const LOCK_FILE = 'naft-service.pid';

export interface DataDirLock {
  release(): void;
}

/** Creates the folder when needed and takes it; a StartupError says why it cannot. */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const file = join(dir, LOCK_FILE);
  try {
    mkdirSync(dir, { recursive: true });
    const holder = readHolder(file);
    if (holder !== undefined && holder !== process.pid && isRunningNode(holder)) {
      throw new StartupError(
        `The data folder ${dataDir} is in use by another process (pid ${holder}; is another \`npm start\` still running?) — stop it or set DATA_DIR (if no such process runs, delete ${file})`,
      );
    }
    writeFileSync(file, `${process.pid}\n`);
  } catch (error) {
    if (error instanceof StartupError) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
    throw new StartupError(`The data folder ${dataDir} is not writable (${code}) — fix its permissions or set DATA_DIR to a writable folder`, { cause: error });
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (readHolder(file) === process.pid) rmSync(file, { force: true });
    },
  };
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is a running Node process. Pids are reused (the data folder outlives a reboot),
 * so on Linux the command line must be node's too; elsewhere being alive is all we can check.
 */
function isRunningNode(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return /node(\.exe)?$|tsx$/.test(argv0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' || process.platform !== 'linux';
  }
}
