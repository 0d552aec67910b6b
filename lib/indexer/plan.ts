/**
 * What it takes to make an index folder current with the content folder, as data: the one place
 * that decides whether an index is current, for `npm start`, `build:index --if-stale`, the live
 * index and updateIndex, which carries the plan out without judging it again.
 */
import path from 'node:path';
import { hashFile, holdsReports, listContent } from '../content/folder';
import { DICTIONARY_FILE, SYNONYMS_FILE } from '../content/vocabulary';
import { staleReason } from '../index/artifact';
import { engineVersion } from '../index/engine';
import { readManifest, type Manifest } from '../index/segments';
import { combineHashes, type FileHash } from '../util/hashes';

/**
 * What must happen to the index. A rebuild is `fresh` (it starts from no segments) and adds every
 * report file; an update removes the reports of the files changed or gone and adds the files
 * changed or new; a current index has no reason and nothing to do.
 */
export interface UpdatePlan {
  /** Why the index is not current, for the log; null when it is. */
  reason: string | null;
  /** Start from no segments rather than from the manifest's. */
  fresh: boolean;
  /** Content file names whose reports are marked deleted. */
  remove: Set<string>;
  /** Content file paths built into new segments. */
  add: string[];
}

/** The content folder's files, hashed: the vocabulary files and the report files. */
export interface Listing {
  vocabulary: FileHash[];
  reports: { file: string; hash: FileHash }[];
}

export function listing(dir: string): Listing {
  const { files } = listContent(dir);
  const vocabulary: FileHash[] = [];
  const reports: Listing['reports'] = [];
  for (const file of files) {
    const hash = hashFile(file);
    if (holdsReports(file)) reports.push({ file, hash });
    else vocabulary.push(hash);
  }
  return { vocabulary, reports };
}

/** A plan that builds every report file of `content` into an index started afresh. */
export function rebuildPlan(reason: string, content: Listing): UpdatePlan {
  return { reason, fresh: true, remove: new Set(), add: content.reports.map((r) => r.file) };
}

const CURRENT: UpdatePlan = { reason: null, fresh: false, remove: new Set(), add: [] };

/**
 * The plan for the index in `indexDir`, the content in `contentDir` and this engine: a rebuild
 * (no index, another engine or layout, another dictionary or synonyms), an update (files added,
 * changed or removed) or nothing.
 */
export function planUpdate(indexDir: string, contentDir: string, engine = engineVersion()): UpdatePlan {
  const content = listing(contentDir);
  let manifest: Manifest | null;
  try {
    manifest = readManifest(indexDir);
  } catch (err) {
    return rebuildPlan((err as Error).message, content);
  }
  return planFrom(manifest, content, engine);
}

export function planFrom(manifest: Manifest | null, content: Listing, engine: string): UpdatePlan {
  if (!manifest || manifest.segments.length === 0) return rebuildPlan('there is no index', content);
  // The layout and the engine are judged as the loader judges them (staleReason); the content file by file, below.
  const stale = staleReason(
    { version: manifest.artifactVersion, contentHash: '', engine: manifest.engine },
    { engine },
  );
  if (stale) return rebuildPlan(stale, content);
  if (combineHashes(manifest.vocabulary) !== combineHashes(content.vocabulary))
    return rebuildPlan(`${DICTIONARY_FILE} or ${SYNONYMS_FILE} changed since it was built`, content);
  const indexed = new Map<string, string>();
  for (const s of manifest.segments) for (const f of s.files) indexed.set(f.name, f.hash);
  const present = new Map(content.reports.map((r) => [r.hash.name, r]));
  const add = content.reports.filter((r) => indexed.get(r.hash.name) !== r.hash.hash).map((r) => r.file);
  const remove = new Set([...indexed.keys()].filter((name) => present.get(name)?.hash.hash !== indexed.get(name)));
  if (add.length === 0 && remove.size === 0) return CURRENT;
  // A changed file is both removed and added: it counts once.
  const changed = new Set([...add.map((file) => path.basename(file)), ...remove]).size;
  return { reason: `${changed} content file change${changed === 1 ? '' : 's'}`, fresh: false, remove, add };
}
