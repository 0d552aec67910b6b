/**
 * The embedded engine's index in service, and what it knows about it. Kept on globalThis because
 * Next.js bundles lib/ into each route separately and the production server loads it once more:
 * all of them must share one holder. The index is replaced whole when the live index swaps in a new
 * build; a request holds the searcher it started with, so a request in flight finishes on the old one.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { IndexProblem, SkippedContentFile } from '../../api/health';
import { UnavailableError } from '../../api/errors';
import { contentDir, hashContent, hashContentAsync, listContent } from '../../content/folder';
import { IndexArtifactError, type ExpectedStamp } from '../../index/artifact';
import { engineVersion } from '../../index/engine';
import { loadIndex } from '../../index/load';
import type { SearchIndex } from '../../index/model';
import { indexPath, MANIFEST } from '../../index/segments';
import { reportTable } from '../../query/collection';
import { warmUpJieba } from '../../text/tokenize';
import type { BackendHealth } from '../types';
import { loadIndexInBackground } from './loader';

/** A load that failed, and the index folder as it was then: the same folder fails the same way. */
interface Failure {
  error: UnavailableError;
  /** The manifest's identity when it failed (inode, size, mtime), or null when it was missing. */
  artifact: string | null;
}

/** The holder's state besides the index itself. */
interface Holder {
  index: SearchIndex | null;
  /** Set by the production server, which loads and swaps indexes itself: a request never loads one. */
  managed: boolean;
  /** The last failed load, remembered so that requests and probes do not read everything again. */
  failure: Failure | null;
  /** Set while the server loads its first index in the background. */
  loading: boolean;
  /** The last rebuild's failure (a malformed file), cleared by the next good one. */
  problem: IndexProblem | null;
  /** Files of the content folder not read, as of the last load. */
  skipped: SkippedContentFile[];
}

const KEY = Symbol.for('report-search.embedded-index');

function holder(): Holder {
  const global = globalThis as { [KEY]?: Holder };
  return (global[KEY] ??= { index: null, managed: false, failure: null, loading: false, problem: null, skipped: [] });
}

/**
 * The content files, or none when there is no content folder to compare the index against. What
 * is skipped (a FIFO, a device, a file too large) is remembered for health.
 */
function contentFiles(): string[] {
  try {
    const { files, skipped } = listContent(contentDir());
    holder().skipped = skipped;
    return files;
  } catch {
    return [];
  }
}

/** What the index must have been built from: this content (when there is a folder) and this engine. */
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

/** An index artifact's refusal as the client hears it. */
function unavailable(err: IndexArtifactError): UnavailableError {
  return new UnavailableError(err.message);
}

/**
 * Loads the index in the background: its segments read and merged on a worker thread while this
 * thread loads jieba's dictionaries and keeps answering. Rejects with UnavailableError when it is
 * missing, damaged, or built from other content or by another engine.
 */
export async function loadSearchIndex(dir = indexPath()): Promise<SearchIndex> {
  const manifest = manifestIdentity(dir);
  try {
    // The report table (filters, facets, date order, trends) comes with it, made by the load worker.
    return await loadIndexInBackground(dir, expectedStampAsync(), warmUpJieba);
  } catch (err) {
    if (!(err instanceof IndexArtifactError)) throw err;
    const error = unavailable(err);
    holder().failure = { error, artifact: manifest };
    throw error;
  }
}

/** The manifest's inode, size and mtime: they change when a build writes a new one. */
function manifestIdentity(dir: string): string | null {
  const stat = statSync(path.join(dir, MANIFEST), { throwIfNoEntry: false, bigint: true });
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeNs}` : null;
}

/** Puts an index in service; searches that start from now on use it. */
export function swapSearchIndex(index: SearchIndex): void {
  const h = holder();
  h.index = index;
  h.failure = null;
}

/**
 * Makes the caller (the production server) the only one that loads indexes: from now on a request
 * that finds none answers with the last failure, or `loading`, and never reads the index itself.
 */
export function manageLoading(): void {
  holder().managed = true;
}

/**
 * The index in service, loaded here on first use when the server did not load it already (tests,
 * `next dev`). Throws UnavailableError when it is missing, corrupt or stale, or still loading.
 */
export function getSearchIndex(): SearchIndex {
  const h = holder();
  if (h.index) return h.index;
  const dir = indexPath();
  // A load that failed is not tried again until the manifest changes: one stat, not a read of everything.
  const manifest = manifestIdentity(dir);
  if (h.failure && (h.managed || h.failure.artifact === manifest)) throw h.failure.error;
  if (h.managed) throw new UnavailableError('the index is still loading');
  try {
    h.index = loadIndex(dir, expectedStamp());
  } catch (err) {
    if (!(err instanceof IndexArtifactError)) throw err;
    h.failure = { error: unavailable(err), artifact: manifest };
    throw h.failure.error;
  }
  warmUpJieba();
  reportTable(h.index);
  return h.index;
}

/** Marks the server's first load as under way (true) or settled (false). */
export function setLoading(loading: boolean): void {
  holder().loading = loading;
}

/** Records the last rebuild's failure, or clears it with null. */
export function setIndexProblem(problem: IndexProblem | null): void {
  holder().problem = problem;
}

/** What the holder says for readiness: loading, degraded or ok, or UnavailableError when there is no index. */
export function indexHealth(): BackendHealth {
  const h = holder();
  if (!h.index && h.loading) return { status: 'loading' };
  if (!h.index && h.problem) {
    // No index to serve, and the rebuild meant to replace it failed: say why, with the file at fault.
    const { file, line, message } = h.problem;
    const where = file ? `${file}${line ? `:${line}` : ''}: ` : '';
    throw new UnavailableError(`no index is in service, and building one failed: ${where}${message}`);
  }
  const index = getSearchIndex();
  return {
    status: h.problem ? 'degraded' : 'ok',
    documents: index.reports.count,
    paragraphs: index.paragraphs.count,
    builtAt: index.builtAt,
    ...(h.problem ? { problem: h.problem } : {}),
    ...(h.skipped.length ? { skipped: h.skipped } : {}),
  };
}
