/** The content folder: which files are reports, their hash, and reading them all. */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parseJsonLines } from './jsonl';
import { parseMarkdownReport } from './markdown';
import type { ReportSource } from './types';
import { DICTIONARY_FILE, parseDictionary, parseSynonyms, SYNONYMS_FILE, type DictionaryEntry } from './vocabulary';

/** The content folder: CONTENT_DIR, or content/ under the working directory. */
export function contentDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CONTENT_DIR ?? 'content');
}

/** Whether a file of the content folder is part of what an index is built from. */
function isContent(name: string): boolean {
  return name.endsWith('.md') || name.endsWith('.jsonl') || name === DICTIONARY_FILE || name === SYNONYMS_FILE;
}

/**
 * The files of a content folder an index is built from — reports, the user dictionary, synonyms —
 * sorted so builds are reproducible.
 */
export function listContentFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`content: cannot read the content folder ${dir}`);
  }
  return names
    .filter(isContent)
    .sort()
    .map((n) => path.join(/*turbopackIgnore: true*/ dir, n));
}

/** Bytes hashed per read: a large file (a corpus as one JSON Lines file) is never held whole to hash it. */
const HASH_CHUNK = 1 << 20;

/** Hash of the content files' names and bytes: what an index was built from. */
export function hashContent(files: string[]): string {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(HASH_CHUNK);
  for (const file of files) {
    hash.update(path.basename(file)).update('\0');
    const fd = openSync(file, 'r');
    try {
      for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** hashContent with the files read on libuv's thread pool. */
export async function hashContentAsync(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(HASH_CHUNK);
  for (const file of files) {
    hash.update(path.basename(file)).update('\0');
    const handle = await open(file, 'r');
    try {
      for (let { bytesRead } = await handle.read(chunk); bytesRead > 0; { bytesRead } = await handle.read(chunk))
        hash.update(chunk.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** hashContent of files already read. */
function hashBytes(files: string[], contents: Buffer[]): string {
  const hash = createHash('sha256');
  files.forEach((file, i) => hash.update(path.basename(file)).update('\0').update(contents[i]!).update('\0'));
  return hash.digest('hex');
}

/** Everything a content folder holds for an index. */
export interface Content {
  reports: ReportSource[];
  /** Words jieba keeps whole (dictionary.txt). */
  dictionary: DictionaryEntry[];
  /** Groups of words that find each other (synonyms.txt). */
  synonyms: string[][];
  /** Hash of every file read. */
  contentHash: string;
}

/** Reads and parses a content folder: Markdown and JSON Lines reports, the dictionary and the synonyms. */
export function readContent(dir: string): Content {
  const files = listContentFiles(dir);
  const contents = files.map((file) => readFileSync(file)); // read once, for the hash and the parse
  const content: Content = { reports: [], dictionary: [], synonyms: [], contentHash: hashBytes(files, contents) };
  files.forEach((file, i) => {
    // Named as a person would type it: relative to the working directory when inside it.
    const name = file.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : file;
    const text = contents[i]!.toString('utf8');
    const base = path.basename(file);
    if (base === DICTIONARY_FILE) content.dictionary = parseDictionary(name, text);
    else if (base === SYNONYMS_FILE) content.synonyms = parseSynonyms(name, text);
    // One push per report: spreading a file of hundreds of thousands of them overflows the stack.
    else if (file.endsWith('.jsonl')) for (const report of parseJsonLines(name, text)) content.reports.push(report);
    else content.reports.push(parseMarkdownReport(name, text));
  });
  if (content.reports.length === 0) throw new Error(`content: no reports (*.md, *.jsonl) in ${dir}`);
  return content;
}
