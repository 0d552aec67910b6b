/** Hashes of content files and of a set of them: what an index records it was built from. */
import { createHash } from 'node:crypto';

/** A content file's name (in the folder) and the SHA-256 of its bytes: what the index records of it. */
export interface FileHash {
  name: string;
  hash: string;
}

/**
 * Hash of the content: of each file's name and hash, in name order. An index folder's manifest
 * records the same pairs of the files its segments were built from, so the two compare without
 * reading a segment (lib/index/segments.ts).
 */
export function combineHashes(files: FileHash[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    hash.update(f.name).update('\0').update(f.hash).update('\0');
  return hash.digest('hex');
}
