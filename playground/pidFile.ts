// Which process holds a playground port: playground-process.ts writes "<pid> <parent pid>" to a
// file in the temp folder, keyed by port, once it listens; start.ts reads it to find and stop a
// playground that outlived the `npm start` that launched it (an orphan holds the port, and the
// playground would silently move to a random one).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function playgroundPidFile(port: number): string {
  return join(tmpdir(), `naft-playground-${port}.pid`);
}

export interface PidEntry {
  pid: number;
  parentPid: number;
}

export function writePlaygroundPid(port: number, entry: PidEntry): void {
  writeFileSync(playgroundPidFile(port), `${entry.pid} ${entry.parentPid}\n`);
}

export function readPlaygroundPid(port: number): PidEntry | undefined {
  try {
    const [pid, parentPid] = readFileSync(playgroundPidFile(port), 'utf8').trim().split(/\s+/).map(Number);
    if (pid === undefined || !Number.isInteger(pid) || pid <= 0) return undefined;
    return { pid, parentPid: parentPid !== undefined && Number.isInteger(parentPid) ? parentPid : 0 };
  } catch {
    return undefined;
  }
}

/** Removes the file, but only while it still names `pid` (a newer playground may own it). */
export function removePlaygroundPid(port: number, pid: number): void {
  if (readPlaygroundPid(port)?.pid === pid) rmSync(playgroundPidFile(port), { force: true });
}

/** Running, and not a zombie waiting to be reaped (which holds no port any more). */
export function isRunning(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: alive is all we know
  }
}

/**
 * Whether the playground in `entry` lost the process that launched it: that one is gone, or the
 * playground has been handed to another parent (init or a subreaper adopts orphans).
 */
export function isOrphaned(entry: PidEntry): boolean {
  // pid 1 is init, which adopts orphans (the launcher may have died before the file was written).
  if (entry.parentPid <= 1 || !isRunning(entry.parentPid)) return true;
  try {
    const stat = readFileSync(`/proc/${entry.pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid !== entry.parentPid || ppid <= 1;
  } catch {
    return false;
  }
}

/** Only a process whose command line runs our playground-process.ts is ever stopped. */
export function isOurPlayground(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => arg.endsWith('playground-process.ts'));
  } catch {
    return false;
  }
}
