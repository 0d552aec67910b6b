/**
 * A lock between processes on one machine: a file created exclusively, holding its owner's pid.
 * A lock whose owner is gone (killed, crashed) is taken over. Lock libraries that refresh a
 * file's mtime from a timer do not fit here: the build holds its event loop for seconds at a
 * time, and its lock would look abandoned while it works.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';

/** How often a waiting process looks again. */
const POLL_MS = 100;

function ownerAlive(lockFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lockFile, 'utf8'));
  } catch {
    return false; // gone between our attempt and this read: try again
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock at `lockFile`, waiting while another live process holds it; `onWait` is told once. */
export async function acquireLock(lockFile: string, onWait: () => void = () => {}): Promise<() => void> {
  let told = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (!ownerAlive(lockFile)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (!told) onWait();
    told = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
