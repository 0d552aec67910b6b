/** The content folder: which files are reports, their hash, and reading them all. */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { parseJsonLines } from './jsonl';
import { parseMarkdownReport } from './markdown';
import { combineHashes, type FileHash } from '../util/hashes';
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
 * Largest content file read, in bytes: a file past it is skipped, and said so. Also below V8's
 * longest string (~512 M characters), which a file's text must fit in.
 */
export const MAX_CONTENT_FILE_BYTES = 512 * 1024 * 1024;

/** A file of the content folder that is not read, and why. */
export interface SkippedFile {
  /** The file's name in the content folder. */
  file: string;
  /** Why it is not read: not a regular file, or too large. */
  reason: string;
}

/** The content files an index is built from, and those skipped. */
export interface ContentListing {
  files: string[];
  skipped: SkippedFile[];
}

/** Why a file's status keeps it out of the index, or null for a regular file of a readable size. */
function skipReason(stat: {
  isFile(): boolean;
  isFIFO(): boolean;
  isDirectory(): boolean;
  size: number;
}): string | null {
  if (stat.isFIFO()) return 'a named pipe (FIFO), not a regular file';
  if (stat.isDirectory()) return 'a folder, not a regular file';
  if (!stat.isFile()) return 'a device or socket, not a regular file';
  if (stat.size > MAX_CONTENT_FILE_BYTES) return `larger than ${MAX_CONTENT_FILE_BYTES / 1024 / 1024} MiB`;
  return null;
}

/**
 * The files of a content folder an index is built from — reports, the user dictionary, synonyms —
 * sorted so builds are reproducible. Only regular files (a symlink counts as what it points to) of
 * at most MAX_CONTENT_FILE_BYTES: a FIFO named x.md or a link to /dev/zero would hang every read.
 */
export function listContent(dir: string): ContentListing {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`content: cannot read the content folder ${dir}`);
  }
  const listing: ContentListing = { files: [], skipped: [] };
  for (const name of names.filter(isContent).sort()) {
    const file = path.join(/*turbopackIgnore: true*/ dir, name);
    const stat = statSync(file, { throwIfNoEntry: false });
    const reason = stat ? skipReason(stat) : 'a link to nothing';
    if (reason) listing.skipped.push({ file: name, reason });
    else listing.files.push(file);
  }
  return listing;
}

/** The content files of `dir` that are read (see listContent). */
export function listContentFiles(dir: string): string[] {
  return listContent(dir).files;
}

/** The content file changed into something that is not one between listing and reading. */
function notReadable(file: string, reason: string): Error {
  return new Error(`content: ${file} is ${reason}; it is not read`);
}

/**
 * Opens a content file for reading without ever blocking: O_NONBLOCK, so a file swapped for a FIFO
 * after it was listed opens at once (and is then refused), instead of waiting for a writer forever.
 */
function openContentFile(file: string): number {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  const reason = skipReason(fstatSync(fd));
  if (reason) {
    closeSync(fd);
    throw notReadable(file, reason);
  }
  return fd;
}

/** openContentFile on the thread pool. */
async function openContentFileAsync(file: string): Promise<FileHandle> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  const reason = skipReason(await handle.stat());
  if (reason) {
    await handle.close();
    throw notReadable(file, reason);
  }
  return handle;
}

/** Bytes hashed per read: a large file (a corpus as one JSON Lines file) is never held whole to hash it. */
const HASH_CHUNK = 1 << 20;

/** The SHA-256 of a content file, read a chunk at a time: a large file is never held whole to hash it. */
export function hashFile(file: string): FileHash {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(HASH_CHUNK);
  const fd = openContentFile(file);
  try {
    for (let n = readSync(fd, chunk), total = n; n > 0; n = readSync(fd, chunk), total += n) {
      if (total > MAX_CONTENT_FILE_BYTES) throw notReadable(file, 'growing past the size limit');
      hash.update(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return { name: path.basename(file), hash: hash.digest('hex') };
}

/** hashFile on libuv's thread pool. */
async function hashFileAsync(file: string): Promise<FileHash> {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(HASH_CHUNK);
  const handle = await openContentFileAsync(file);
  try {
    let total = 0;
    for (let { bytesRead } = await handle.read(chunk); bytesRead > 0; { bytesRead } = await handle.read(chunk)) {
      total += bytesRead;
      if (total > MAX_CONTENT_FILE_BYTES) throw notReadable(file, 'growing past the size limit');
      hash.update(chunk.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return { name: path.basename(file), hash: hash.digest('hex') };
}

/** Hash of the content files (combineHashes of each one's): what an index was built from. */
export function hashContent(files: string[]): string {
  return combineHashes(files.map(hashFile));
}

/** hashContent with the files read on libuv's thread pool. */
export async function hashContentAsync(files: string[]): Promise<string> {
  const hashes: FileHash[] = [];
  for (const file of files) hashes.push(await hashFileAsync(file));
  return combineHashes(hashes);
}

/** The hash of bytes already read, as hashFile makes it. */
function hashOf(file: string, bytes: Buffer): FileHash {
  return { name: path.basename(file), hash: createHash('sha256').update(bytes).digest('hex') };
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
  /** Files of the folder not read: not regular files, or too large. */
  skipped: SkippedFile[];
}

/** A content file's bytes, read whole through openContentFile's checks. */
function readWholeFile(file: string): Buffer {
  const fd = openContentFile(file);
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    for (let n = -1; n !== 0 && at < size; at += n) n = readSync(fd, bytes, at, size - at, at);
    return bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** One content file read and parsed, with its hash: reports, or the dictionary, or the synonyms. */
export interface ParsedFile {
  file: FileHash;
  reports: ReportSource[];
  dictionary?: DictionaryEntry[];
  synonyms?: string[][];
}

/** Whether a content file holds reports (rather than the dictionary or the synonyms). */
export function holdsReports(file: string): boolean {
  return file.endsWith('.md') || file.endsWith('.jsonl');
}

/** Reads and parses one content file (ContentError says where it is malformed). */
export function readContentFile(file: string): ParsedFile {
  const bytes = readWholeFile(file);
  // Named as a person would type it: relative to the working directory when inside it.
  const name = file.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : file;
  const text = bytes.toString('utf8');
  const base = path.basename(file);
  const parsed: ParsedFile = { file: hashOf(file, bytes), reports: [] };
  if (base === DICTIONARY_FILE) parsed.dictionary = parseDictionary(name, text);
  else if (base === SYNONYMS_FILE) parsed.synonyms = parseSynonyms(name, text);
  // One push per report: spreading a file of hundreds of thousands of them overflows the stack.
  else if (file.endsWith('.jsonl')) for (const report of parseJsonLines(name, text)) parsed.reports.push(report);
  else parsed.reports.push(parseMarkdownReport(name, text));
  return parsed;
}

/** Reads and parses a content folder: Markdown and JSON Lines reports, the dictionary and the synonyms. */
export function readContent(dir: string): Content {
  const { files, skipped } = listContent(dir);
  const content: Content = { reports: [], dictionary: [], synonyms: [], contentHash: '', skipped };
  const hashes: FileHash[] = [];
  for (const file of files) {
    const parsed = readContentFile(file);
    hashes.push(parsed.file);
    if (parsed.dictionary) content.dictionary = parsed.dictionary;
    if (parsed.synonyms) content.synonyms = parsed.synonyms;
    for (const report of parsed.reports) content.reports.push(report);
  }
  content.contentHash = combineHashes(hashes);
  if (content.reports.length === 0) throw new Error(`content: no reports (*.md, *.jsonl) in ${dir}`);
  return content;
}
