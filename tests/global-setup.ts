import { writeArtifact } from '@/lib/search/artifact';
import { buildIndex } from '@/lib/search/build';
import { contentDir, readContent } from '@/lib/search/content';
import { TEST_INDEX } from './test-index';

/** Builds the index of content/ once for the API and relevance tests. */
export default function setup(): void {
  const { reports, contentHash } = readContent(contentDir());
  writeArtifact(buildIndex(reports, contentHash), TEST_INDEX);
}
