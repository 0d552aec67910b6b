/**
 * The engine's version, derived from what decides an index: the source of every stage that runs in
 * a build (content, text, index, indexer, query, util — stored answers are ranked by the query code)
 * and the versions of the libraries that segment, convert and index. Change a ranking weight, a
 * normaliser or a dependency and the version changes, so `npm start` rebuilds and a server refuses
 * the old artifact; change only the pages or the API and it stays, so nothing is rebuilt.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The folders of lib/ whose code decides what an index holds. api/ (what a request may be: the
 * query language's grammar and limits among it), backend/, results/, server/ and eval/ only read one.
 */
export const ENGINE_FOLDERS = ['content', 'text', 'index', 'indexer', 'query', 'util'] as const;
/** Libraries whose behaviour is part of the index: jieba's segmentation, OpenCC's tables, FlexSearch's layout. */
export const ENGINE_PACKAGES = ['nodejieba', 'opencc-js', 'flexsearch'] as const;
/** Hex digits kept of the hash: plenty to tell builds apart, short enough to read in a header. */
const ENGINE_HASH_HEX = 16;

/** This process's engine: its code does not change while it runs, so it is hashed once. */
let running: string | null = null;

/** Source files of one folder and those under it, sorted, as paths relative to `root`. */
function sourceFiles(root: string, dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(root, rel);
      return /\.tsx?$/.test(e.name) ? [rel] : [];
    })
    .sort();
}

function packageVersion(root: string, name: string): string {
  try {
    const json = readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8');
    return (JSON.parse(json) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'missing';
  }
}

/**
 * The engine version of the checkout at `root`, hashed afresh; without `root`, this process's own
 * (the working directory's, where every npm script runs), hashed once.
 */
export function engineVersion(root?: string): string {
  if (root === undefined) return (running ??= hashEngine(process.cwd()));
  return hashEngine(root);
}

/**
 * The version of what decides a paragraph's analysis alone — reading content, normalising,
 * segmenting — and not how an index holds or ranks it: a cluster's documents (backend/opensearch)
 * are made by this much, so a change to ranking code does not re-send an archive.
 */
export function analysisVersion(): string {
  return (analysing ??= hashEngine(process.cwd(), ['content', 'text'], ['nodejieba', 'opencc-js']));
}

let analysing: string | null = null;

function hashEngine(
  root: string,
  folders: readonly string[] = ENGINE_FOLDERS,
  packages: readonly string[] = ENGINE_PACKAGES,
): string {
  const at = path.resolve(/*turbopackIgnore: true*/ root);
  const files = folders.flatMap((folder) => sourceFiles(at, path.join('lib', folder)));
  if (files.length === 0) throw new Error(`engine: no engine sources under ${path.join(at, 'lib')}`);
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(at, file)))
      .update('\0');
  for (const name of packages) hash.update(`${name}@${packageVersion(at, name)}\0`);
  return hash.digest('hex').slice(0, ENGINE_HASH_HEX);
}
