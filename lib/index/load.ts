/**
 * Loading an index folder: the manifest, checked as an artifact's stamp is (staleReason), then its
 * segments and their deletions, merged into the one index searches read (merge.ts). One segment
 * with nothing deleted is served as it is, views into its file; several are merged in memory.
 * Segments never change once written, so a server keeps those it has loaded (SegmentCache) and a
 * reload after a change reads only the new ones.
 */
import { IndexArtifactError, readArtifact, readArtifactAsync, staleReason, type ExpectedStamp } from './artifact';
import { mergeIndexes } from './merge';
import type { SearchIndex } from './model';
import { manifestContentHash, readDeletions, readManifest, segmentFile, type Manifest } from './segments';

/** Segments loaded, by name. */
export type SegmentCache = Map<string, SearchIndex>;

function readIndexManifest(dir: string): Manifest {
  const manifest = readManifest(dir);
  if (!manifest || manifest.segments.length === 0)
    throw new IndexArtifactError(`no index at ${dir}; run \`npm run build:index\``);
  return manifest;
}

/** Refuses an index built from other content or by another engine than `expected` says. */
function checkStamp(dir: string, manifest: Manifest, expected: ExpectedStamp): void {
  const stale = staleReason(
    { version: manifest.artifactVersion, contentHash: manifestContentHash(manifest), engine: manifest.engine },
    expected,
  );
  if (stale) throw new IndexArtifactError(`${dir}: ${stale}; run \`npm run build:index\``);
}

/** The segments merged, stamped with the manifest's content hash and time. */
function assemble(dir: string, manifest: Manifest, segments: SearchIndex[], cache?: SegmentCache): SearchIndex {
  if (cache) {
    cache.clear();
    manifest.segments.forEach((s, k) => cache.set(s.name, segments[k]!));
  }
  const parts = manifest.segments.map((entry, k) => ({ index: segments[k]!, deleted: readDeletions(dir, entry) }));
  const stamp = { contentHash: manifestContentHash(manifest), builtAt: new Date(manifest.writtenAt) };
  const index = mergeIndexes(parts, stamp);
  // One segment is served as it is: its own stamp names its files only, the manifest's names the content.
  return index === segments[0] ? { ...index, contentHash: stamp.contentHash, builtAt: manifest.writtenAt } : index;
}

/**
 * Loads the index in `dir`. Throws IndexArtifactError when there is none, or it is damaged, or
 * built from other content or by another engine than `expected` says.
 */
export function loadIndex(dir: string, expected: ExpectedStamp = {}, cache?: SegmentCache): SearchIndex {
  const manifest = readIndexManifest(dir);
  checkStamp(dir, manifest, expected);
  const segments = manifest.segments.map((s) => cache?.get(s.name) ?? readArtifact(segmentFile(dir, s.name)));
  return assemble(dir, manifest, segments, cache);
}

/** loadIndex with the segments read on the thread pool; `during` runs while the first is read. */
export async function loadIndexAsync(
  dir: string,
  expected: Promise<ExpectedStamp>,
  during: () => void = () => {},
  cache?: SegmentCache,
): Promise<SearchIndex> {
  const manifest = readIndexManifest(dir);
  // Every segment read at once, on the pool, while this thread runs `during` and the content is hashed.
  const reading = manifest.segments.map((s) => {
    const kept = cache?.get(s.name);
    const read = kept ? Promise.resolve(kept) : readArtifactAsync(segmentFile(dir, s.name), Promise.resolve({}));
    read.catch(() => {}); // awaited below, after the stamp is checked
    return read;
  });
  during();
  checkStamp(dir, manifest, await expected);
  const segments = await Promise.all(reading);
  return assemble(dir, manifest, segments, cache);
}
