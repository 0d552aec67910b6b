/**
 * A lock between processes on one machine: a file whose content names its owner — pid, the
 * process's start time, host and a random token. A lock whose owner is gone (killed, crashed) is
 * taken over.
 *
 * - The pid alone does not name a process: in a container the server is pid 1 after every
 *   restart, so a lock left by the last crash looked held by the new server itself. The start time
 *   (from /proc) tells the two apart; where /proc is absent, a live pid counts as the owner.
 * - The file appears with its content already in it (written beside it, then hard-linked into
 *   place), so a waiter never reads a half-written lock and takes it for abandoned.
 * - A takeover renames the abandoned file away and checks that what it moved is what it judged
 *   abandoned; a live lock moved by a late waiter is linked back.
 *
 * Lock libraries that refresh a file's mtime from a timer do not fit here: the build holds its
 * event loop for seconds at a time, and its lock would look abandoned while it works.
 */
import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** How often a waiting process looks again. */
const POLL_MS = 100;

/** Who holds a lock. */
export interface LockOwner {
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/PID/stat), or null where unknown. */
  start: number | null;
  host: string;
  token: string;
}

/** A process's start time in clock ticks since boot, or null when /proc cannot tell. */
export function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const start = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isSafeInteger(start) ? start : null;
  } catch {
    return null;
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.token === 'string' ? (owner as LockOwner) : null;
  } catch {
    return null; // gone, or not a lock this code wrote (an older pid-only lock): abandoned
  }
}

/** Whether the process that wrote `owner` still runs. */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process: nothing here can tell
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStart(owner.pid);
  return owner.start === null || start === null || start === owner.start;
}

/** Writes the lock file whole, or returns false when another holds it. */
function tryCreate(lockFile: string, owner: LockOwner): boolean {
  const staged = `${lockFile}.${owner.token}`;
  writeFileSync(staged, JSON.stringify(owner));
  try {
    linkSync(staged, lockFile);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    rmSync(staged, { force: true });
  }
}

/**
 * Removes the lock `abandoned` names: renamed away (one waiter wins), then checked. If what moved
 * is a newer lock (another waiter took over and locked between our read and our rename), it is
 * linked back in place.
 */
function takeOver(lockFile: string, abandoned: LockOwner | null, token: string): void {
  const moved = `${lockFile}.${token}.stale`;
  try {
    renameSync(lockFile, moved);
  } catch {
    return; // already gone: another waiter took it over
  }
  if (readOwner(moved)?.token !== abandoned?.token) {
    try {
      linkSync(moved, lockFile);
    } catch {
      // a third process locked meanwhile: two holders, in a window of microseconds three waiters must hit
    }
  }
  rmSync(moved, { force: true });
}

/** Takes the lock at `lockFile`, waiting while another live process holds it; `onWait` is told once, with the owner. */
export async function acquireLock(
  lockFile: string,
  onWait: (owner: LockOwner | null) => void = () => {},
): Promise<() => void> {
  const owner: LockOwner = {
    pid: process.pid,
    start: processStart(process.pid),
    host: hostname(),
    token: randomUUID(),
  };
  let told = false;
  for (;;) {
    if (tryCreate(lockFile, owner)) return () => release(lockFile, owner.token);
    const holder = readOwner(lockFile);
    if (!holder || !ownerAlive(holder)) {
      takeOver(lockFile, holder, owner.token);
      continue;
    }
    if (!told) onWait(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Gives the lock up, if it is still ours. */
function release(lockFile: string, token: string): void {
  if (readOwner(lockFile)?.token === token) rmSync(lockFile, { force: true });
}
