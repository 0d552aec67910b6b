/**
 * A file of the index on disk (a segment, a deletion bitmap, the manifest): written durably with a
 * checksum footer, and checked (FORMAT.md, "Footer" and "Writing, durably"). Knows bytes, not
 * sections; what a killed build leaves is cleaned by segments.ts (strayFiles).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';

/** The footer: these 8 bytes, then the CRC-32 (uint32, little-endian) of all bytes before the footer, then 4 zero bytes. */
const FOOTER_MAGIC = Buffer.from('RSIXCRC1');
export const FOOTER_BYTES = 16;

/**
 * The CRC-32 of chunks written one after another. Empty chunks are skipped: zlib's crc32 of an empty
 * view whose memory is a null pointer (an empty section's) returns 0 rather than the running value.
 */
function chainedCrc(chunks: Uint8Array[]): number {
  let crc = 0;
  for (const chunk of chunks) if (chunk.byteLength > 0) crc = crc32(chunk, crc);
  return crc;
}

/**
 * Writes `chunks` and the checksum footer to `file`, atomically and durably: a temporary file,
 * fsynced, renamed over `file`, then the folder fsynced. A write that fails (a full disk) removes
 * its temporary file. Returns the bytes written. `beforeRename` runs between the two (a failpoint).
 */
export function writeDurably(file: string, chunks: Uint8Array[], beforeRename: () => void = () => {}): number {
  const footer = Buffer.alloc(FOOTER_BYTES);
  FOOTER_MAGIC.copy(footer);
  footer.writeUInt32LE(chainedCrc(chunks), FOOTER_MAGIC.length);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  try {
    for (const chunk of [...chunks, footer]) bytes += writeSync(fd, chunk);
    fsyncSync(fd); // on disk before the rename makes it the index: a crash never leaves a renamed, empty file
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true }); // a full disk leaves no partial file behind
    throw err;
  }
  closeSync(fd);
  beforeRename();
  renameSync(tmp, file);
  syncFolder(path.dirname(file)); // and the rename itself survives a crash
  return bytes;
}

/** Flushes a folder's entries (a rename into it) to disk. */
function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Whether the footer is there and the CRC-32 of everything before it matches. */
export function checksumMatches(raw: Buffer): boolean {
  if (raw.length < FOOTER_BYTES) return false;
  const footer = raw.subarray(raw.length - FOOTER_BYTES);
  if (!footer.subarray(0, FOOTER_MAGIC.length).equals(FOOTER_MAGIC) || footer.readUInt32LE(FOOTER_BYTES - 4) !== 0)
    return false;
  return crc32(raw.subarray(0, raw.length - FOOTER_BYTES)) === footer.readUInt32LE(FOOTER_MAGIC.length);
}
