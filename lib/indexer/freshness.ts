/** Whether an index artifact is current: what `npm start` and `build:index --if-stale` ask before building. */
import { hashContent, listContentFiles } from '../content/folder';
import { readArtifactStamp, staleReason } from '../index/artifact';
import { engineVersion } from '../index/engine';

/**
 * Why the artifact at `file` must be rebuilt for the content folder `dir` and the engine of the
 * checkout at `root`, or null when it is current (staleReason decides, as the loader does).
 */
export function rebuildReason(file: string, dir: string, root = process.cwd()): string | null {
  const stamp = readArtifactStamp(file);
  if (!stamp) return staleReason(null, {});
  return staleReason(stamp, { contentHash: hashContent(listContentFiles(dir)), engine: engineVersion(root) });
}
