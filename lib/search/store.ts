import { artifactPath, readArtifact, readArtifactAsync } from './artifact';
import type { SearchIndex } from './build';
import { contentDir, hashContent, hashContentAsync, listContentFiles } from './content';
import { words } from './tokenize';

const KEY = Symbol.for('report-search.index');
type Holder = { [KEY]?: SearchIndex };

/** The content files, or none when there is no content folder to compare the index against. */
function contentFiles(): string[] {
  try {
    return listContentFiles(contentDir());
  } catch {
    return [];
  }
}

/** The hash of the content folder, or undefined when there is none (or it cannot be read) to compare against. */
function currentContentHash(): string | undefined {
  const files = contentFiles();
  try {
    return files.length ? hashContent(files) : undefined;
  } catch {
    return undefined;
  }
}

/** currentContentHash with the files read on the thread pool. */
async function currentContentHashAsync(): Promise<string | undefined> {
  const files = contentFiles();
  return files.length ? hashContentAsync(files).catch(() => undefined) : undefined;
}

/** jieba loads its dictionaries (~3 s) on first use: pay that at start, not in a user's query. */
function warmUpJieba(): void {
  words('资阳市政协');
}

/**
 * Loads the server's index ahead of the first request. The artifact and the content are read on
 * the thread pool while this thread loads jieba's dictionaries, so the two ~2–3 s waits overlap
 * (cold start over poetry 9.2 → 8.2–8.7 s). Rejects with IndexArtifactError as getSearchIndex throws.
 */
export async function preloadSearchIndex(): Promise<SearchIndex> {
  const holder = globalThis as Holder;
  const index = holder[KEY] ?? (await readArtifactAsync(artifactPath(), currentContentHashAsync(), warmUpJieba));
  holder[KEY] ??= index;
  return holder[KEY];
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
    warmUpJieba();
    holder[KEY] = index;
  }
  return index;
}
