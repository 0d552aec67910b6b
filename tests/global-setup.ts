import { artifactPath, writeArtifact } from '@/lib/search/artifact';
import { buildIndex } from '@/lib/search/build';
import { contentDir, readContent } from '@/lib/search/content';

/** Builds the index of content/ once for the API and relevance tests, at SEARCH_INDEX. */
export default function setup(): void {
  const { reports, contentHash } = readContent(contentDir());
  writeArtifact(buildIndex(reports, contentHash), artifactPath());
}
