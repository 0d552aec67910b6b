/**
 * The index on disk: a folder holding a manifest and the segments it names. A segment is an
 * artifact (artifact.ts) of some reports, written once and never changed; reports deleted from it
 * since are marked in a deletion bitmap beside it, itself a new file for each change. The
 * manifest is replaced atomically (durable.ts), so the index is always exactly what the last
 * manifest written names: a build killed at any point leaves the previous one whole, and the files
 * it left that no manifest names are removed the next time a build holds the lock (FORMAT.md).
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { failpoint } from '../util/failpoints';
import { combineHashes, type FileHash } from '../util/hashes';
import { ARTIFACT_VERSION, IndexArtifactError } from './artifact';
import { checksumMatches, FOOTER_BYTES, writeDurably } from './durable';

/** The manifest's file name in the index folder. */
export const MANIFEST = 'manifest.json';
const FORMAT = 'report-search-segments';
/** Version of the manifest's layout. */
export const MANIFEST_VERSION = 1;

/** A content file whose reports a segment holds: its name, its hash, and its reports' range there. */
export interface SegmentFile extends FileHash {
  /** Its reports are the segment's reports `from .. to`. */
  from: number;
  to: number;
  /** Their paragraphs. */
  paragraphs: number;
}

/** A segment as the manifest names it. */
export interface SegmentEntry {
  /** `seg-` and a number: the segment is `<name>.bin`. */
  name: string;
  reports: number;
  paragraphs: number;
  /** Size of `<name>.bin`. */
  bytes: number;
  /** Its deletion bitmap's file, or null when no report of it is deleted. */
  deletions: string | null;
  /** Reports and paragraphs deleted. */
  deletedReports: number;
  deletedParagraphs: number;
  /** The content files it was built from, in its report order. */
  files: SegmentFile[];
}

/** The index: its segments in order (their reports, in this order, are the index's). */
export interface Manifest {
  format: typeof FORMAT;
  version: number;
  /** The segments' artifact version and engine: a change of either rebuilds every segment. */
  artifactVersion: number;
  engine: string;
  /** The dictionary and synonyms files the segments were built with: a change rebuilds every segment. */
  vocabulary: FileHash[];
  /** Increases with every manifest written. */
  generation: number;
  /** The number the next segment is named with. */
  nextSegment: number;
  segments: SegmentEntry[];
  /** When this manifest was written. */
  writtenAt: string;
}

/** Where the index lives: SEARCH_INDEX, or .index/search-index under the working directory. */
export function indexPath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.SEARCH_INDEX ?? path.join('.index', 'search-index'));
}

/** A segment's file. */
export function segmentFile(dir: string, name: string): string {
  return path.join(dir, `${name}.bin`);
}

/** The name of segment number n. */
export function segmentName(n: number): string {
  return `seg-${String(n).padStart(6, '0')}`;
}

/** An empty manifest, for an index about to be built. */
export function emptyManifest(engine: string, vocabulary: FileHash[]): Manifest {
  return {
    format: FORMAT,
    version: MANIFEST_VERSION,
    artifactVersion: ARTIFACT_VERSION,
    engine,
    vocabulary,
    generation: 0,
    nextSegment: 1,
    segments: [],
    writtenAt: new Date().toISOString(),
  };
}

/**
 * The manifest, or null when the folder has none. Throws IndexArtifactError when it is there but
 * damaged or of another layout.
 */
export function readManifest(dir: string): Manifest | null {
  const file = path.join(dir, MANIFEST);
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return null;
    throw new IndexArtifactError(`cannot read ${file}; run \`npm run build:index\``);
  }
  if (!checksumMatches(raw))
    throw new IndexArtifactError(`${file} is damaged (its checksum does not match); run \`npm run build:index\``);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(raw.subarray(0, raw.length - FOOTER_BYTES).toString('utf8')) as Manifest;
  } catch {
    throw new IndexArtifactError(`${file} is corrupt; run \`npm run build:index\``);
  }
  if (manifest?.format !== FORMAT || manifest.version !== MANIFEST_VERSION || !Array.isArray(manifest.segments))
    throw new IndexArtifactError(`${file} is not a manifest this engine reads; run \`npm run build:index\``);
  return manifest;
}

/** Replaces the manifest, atomically and durably: from now on the index is what it names. */
export function writeManifest(dir: string, manifest: Manifest): Manifest {
  const next = { ...manifest, generation: manifest.generation + 1, writtenAt: new Date().toISOString() };
  writeDurably(path.join(dir, MANIFEST), [Buffer.from(JSON.stringify(next, null, 1))], () => failpoint('manifest'));
  return next;
}

/** Every content file the manifest's segments hold, and the vocabulary: what the index was built from. */
export function manifestFiles(manifest: Manifest): FileHash[] {
  // A file spread over several segments is listed by each: it counts once.
  const files = new Map<string, string>();
  for (const { name, hash } of [...manifest.vocabulary, ...manifest.segments.flatMap((s) => s.files)])
    files.set(name, hash);
  return [...files].map(([name, hash]) => ({ name, hash }));
}

/** The manifest's content hash: combineHashes of its files, as the content folder's is made. */
export function manifestContentHash(manifest: Manifest): string {
  return combineHashes(manifestFiles(manifest));
}

/** Per report of a segment, 1 when it is deleted (all 0 when none is). */
export function readDeletions(dir: string, entry: SegmentEntry): Uint8Array {
  const deleted = new Uint8Array(entry.reports);
  if (!entry.deletions) return deleted;
  const file = path.join(dir, entry.deletions);
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    throw new IndexArtifactError(`cannot read ${file}; run \`npm run build:index\``);
  }
  if (!checksumMatches(raw) || raw.length - FOOTER_BYTES !== Math.ceil(entry.reports / 8))
    throw new IndexArtifactError(`${file} is damaged; run \`npm run build:index\``);
  for (let r = 0; r < entry.reports; r++) deleted[r] = (raw[r >> 3]! >> (r & 7)) & 1;
  return deleted;
}

/**
 * Writes a new deletion bitmap for a segment (one bit a report, the low bit first) and returns its
 * file's name: `<segment>.<generation>.del`, never the name of one a manifest already names.
 */
export function writeDeletions(dir: string, entry: SegmentEntry, deleted: Uint8Array, generation: number): string {
  const bits = Buffer.alloc(Math.ceil(entry.reports / 8));
  for (let r = 0; r < entry.reports; r++) if (deleted[r]) bits[r >> 3]! |= 1 << (r & 7);
  const name = `${entry.name}.${generation}.del`;
  writeDurably(path.join(dir, name), [bits]);
  return name;
}

/** Files of the index folder the manifest does not name: what a build stopped part-way left. */
export function strayFiles(dir: string, manifest: Manifest | null): string[] {
  const named = new Set<string>([MANIFEST]);
  for (const s of manifest?.segments ?? []) {
    named.add(`${s.name}.bin`);
    if (s.deletions) named.add(s.deletions);
  }
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  // The build's lock lives beside the folder, not in it; anything else here is the index's.
  return names.filter((name) => !named.has(name) && statSync(path.join(dir, name)).isFile());
}

/** Removes the stray files; call it only holding the build lock. Returns their names. */
export function removeStrayFiles(dir: string, manifest: Manifest | null): string[] {
  const stray = strayFiles(dir, manifest);
  for (const name of stray) rmSync(path.join(dir, name), { force: true });
  return stray;
}
