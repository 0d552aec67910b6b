import { buildIndex } from '@/lib/indexer/builder';
import { contentDir, readContent } from '@/lib/content/folder';
import { artifactPath, writeArtifact } from '@/lib/index/artifact';

/** Builds the index of content/ once for the API and relevance tests, at SEARCH_INDEX. */
export default function setup(): void {
  const { reports, ...stamp } = readContent(contentDir());
  writeArtifact(buildIndex(reports, stamp), artifactPath());
}
