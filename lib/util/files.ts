import { closeSync, fstatSync, openSync, read } from 'node:fs';

/** Bytes asked of the kernel per read call: one call per GiB. */
const READ_CHUNK = 1 << 30;

/**
 * A file's bytes, read on the thread pool in one read call (per GiB), queued before this returns:
 * fs.promises.readFile reads 512 KiB at a time and issues each next read from this thread, so it
 * stalls while this thread is busy — which is exactly when a read in the background should run.
 */
export function readWhole(file: string): Promise<Buffer> {
  let fd: number;
  let buffer: Buffer;
  try {
    fd = openSync(file, 'r');
    buffer = Buffer.allocUnsafe(fstatSync(fd).size);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  const next = (at: number): Promise<Buffer> =>
    new Promise<number>((resolve, reject) =>
      read(fd, buffer, at, Math.min(buffer.length - at, READ_CHUNK), at, (err, n) => (err ? reject(err) : resolve(n))),
    ).then((n) => (n === 0 || at + n >= buffer.length ? buffer.subarray(0, at + n) : next(at + n)));
  const done = buffer.length === 0 ? Promise.resolve(buffer) : next(0);
  return done.finally(() => closeSync(fd));
}
