/** The server's one index: loaded once per process, checked against the content and the engine. */
import { contentDir, hashContent, hashContentAsync, listContentFiles } from '../content/folder';
import { artifactPath, readArtifact, readArtifactAsync, type ExpectedStamp } from '../index/artifact';
import { engineVersion } from '../index/engine';
import type { SearchIndex } from '../index/model';
import { warmUpJieba } from '../text/tokenize';

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

/** What the artifact must have been built from: this content (when there is a folder) and this engine. */
function expectedStamp(): ExpectedStamp {
  const files = contentFiles();
  let contentHash: string | undefined;
  try {
    contentHash = files.length ? hashContent(files) : undefined;
  } catch {
    contentHash = undefined;
  }
  return { contentHash, engine: engineVersion() };
}

/** expectedStamp with the content read on the thread pool. */
async function expectedStampAsync(): Promise<ExpectedStamp> {
  const files = contentFiles();
  const contentHash = files.length ? await hashContentAsync(files).catch(() => undefined) : undefined;
  return { contentHash, engine: engineVersion() };
}

/**
 * Loads the server's index ahead of the first request. The artifact and the content are read on
 * the thread pool while this thread loads jieba's dictionaries, so the two waits overlap. Rejects
 * with IndexArtifactError as getSearchIndex throws.
 */
export async function preloadSearchIndex(): Promise<SearchIndex> {
  const holder = globalThis as Holder;
  const index = holder[KEY] ?? (await readArtifactAsync(artifactPath(), expectedStampAsync(), warmUpJieba));
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
    index = readArtifact(artifactPath(), expectedStamp());
    warmUpJieba();
    holder[KEY] = index;
  }
  return index;
}
