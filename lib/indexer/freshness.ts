/** Whether an index artifact is current: what `npm start` asks before it serves. */
import { hashContent, listContentFiles } from '../content/folder';
import { ARTIFACT_VERSION, readArtifactStamp } from '../index/artifact';
import { engineVersion } from '../index/engine';

/**
 * Why the artifact at `file` must be rebuilt for the content folder `dir` and the engine of the
 * checkout at `root`, or null when it is current.
 */
export function rebuildReason(file: string, dir: string, root = process.cwd()): string | null {
  const stamp = readArtifactStamp(file);
  if (!stamp) return 'there is no index';
  if (stamp.version !== ARTIFACT_VERSION)
    return `the index has layout ${stamp.version}, this engine writes ${ARTIFACT_VERSION}`;
  if (stamp.engine !== engineVersion(root)) return 'the engine changed since the index was built';
  if (stamp.contentHash !== hashContent(listContentFiles(dir))) return 'the content changed since the index was built';
  return null;
}
