/**
 * Loading an index folder: the manifest, checked as an artifact's stamp is (staleReason), then its
 * segments and their deletions, merged into the one index searches read (merge.ts). One segment
 * with nothing deleted is served as it is, views into its file; several are merged in memory. The
 * server does this on a worker thread (background.ts), tests and tools here.
 */
import { IndexArtifactError, readArtifact, staleReason, type ArtifactStamp, type ExpectedStamp } from './artifact';
import { mergeIndexes } from './merge';
import type { SearchIndex } from './model';
import { manifestContentHash, readDeletions, readManifest, segmentFile, type Manifest } from './segments';

function readIndexManifest(dir: string): Manifest {
  const manifest = readManifest(dir);
  if (!manifest || manifest.segments.length === 0)
    throw new IndexArtifactError(`no index at ${dir}; run \`npm run build:index\``);
  return manifest;
}

/** Refuses the index in `dir`, stamped `stamp`, when it is of another layout, content or engine than `expected` says. */
export function refuseStale(dir: string, stamp: ArtifactStamp, expected: ExpectedStamp): void {
  const stale = staleReason(stamp, expected);
  if (stale) throw new IndexArtifactError(`${dir}: ${stale}; run \`npm run build:index\``);
}

/** The segments merged, stamped with the manifest's content hash and time. */
function assemble(dir: string, manifest: Manifest, segments: SearchIndex[]): SearchIndex {
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
export function loadIndex(dir: string, expected: ExpectedStamp = {}, { userWords = true } = {}): SearchIndex {
  const manifest = readIndexManifest(dir);
  const { artifactVersion: version, engine } = manifest;
  refuseStale(dir, { version, contentHash: manifestContentHash(manifest), engine }, expected);
  const segments = manifest.segments.map((s) => readArtifact(segmentFile(dir, s.name), {}, { userWords }));
  return assemble(dir, manifest, segments);
}
