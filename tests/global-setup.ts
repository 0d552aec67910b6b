import { contentDir } from '@/lib/content/folder';
import { indexPath } from '@/lib/index/segments';
import { updateIndex } from '@/lib/indexer/update';

/** Builds the index of content/ once for the API and relevance tests, at SEARCH_INDEX. */
export default async function setup(): Promise<void> {
  await updateIndex(indexPath(), contentDir(), { force: true });
}
