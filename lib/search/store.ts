import { artifactPath, readArtifact } from './artifact';
import type { SearchIndex } from './build';
import { contentDir, hashContent, listContentFiles } from './content';
import { words } from './tokenize';

const KEY = Symbol.for('report-search.index');
type Holder = { [KEY]?: SearchIndex };

/** The hash of the content folder, or undefined when there is none to compare against. */
function currentContentHash(): string | undefined {
  try {
    const files = listContentFiles(contentDir());
    return files.length ? hashContent(files) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The server's index, loaded once per process on first use. It is kept on globalThis because Next.js
 * bundles lib/ into each route separately, and they must share one copy. Throws
 * IndexArtifactError when the artifact is missing, corrupt or built from other content.
 */
export function getSearchIndex(): SearchIndex {
  const holder = globalThis as Holder;
  let index = holder[KEY];
  if (!index) {
    index = readArtifact(artifactPath(), currentContentHash());
    words('资阳市政协'); // jieba loads its dictionaries on first use: pay that here, not in a user's query
    holder[KEY] = index;
  }
  return index;
}
