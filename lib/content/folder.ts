/** The content folder: which files are reports, their hash, and reading them all. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readWhole } from '../util/files';
import { parseJsonLines } from './jsonl';
import { parseMarkdownReport } from './markdown';
import type { ReportSource } from './types';

/** The content folder: CONTENT_DIR, or content/ under the working directory. */
export function contentDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CONTENT_DIR ?? 'content');
}

/** The report files of a content folder, sorted so builds are reproducible. */
export function listContentFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`content: cannot read the content folder ${dir}`);
  }
  return names
    .filter((n) => n.endsWith('.md') || n.endsWith('.jsonl'))
    .sort()
    .map((n) => path.join(/*turbopackIgnore: true*/ dir, n));
}

/** Hash of the content files' names and bytes: what an index was built from. */
export function hashContent(files: string[]): string {
  return hashBytes(
    files,
    files.map((file) => readFileSync(file)),
  );
}

/** hashContent with the files read on libuv's thread pool. */
export async function hashContentAsync(files: string[]): Promise<string> {
  return hashBytes(files, await Promise.all(files.map((file) => readWhole(file))));
}

function hashBytes(files: string[], contents: Buffer[]): string {
  const hash = createHash('sha256');
  files.forEach((file, i) => hash.update(path.basename(file)).update('\0').update(contents[i]!).update('\0'));
  return hash.digest('hex');
}

/** Reads and parses every report in a content folder: Markdown files and JSON Lines files. */
export function readContent(dir: string): { reports: ReportSource[]; contentHash: string } {
  const files = listContentFiles(dir);
  if (files.length === 0) throw new Error(`content: no reports (*.md, *.jsonl) in ${dir}`);
  const contents = files.map((file) => readFileSync(file)); // read once, for the hash and the parse
  const reports = files.flatMap((file, i) => {
    // Named as a person would type it: relative to the working directory when inside it.
    const name = file.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : file;
    const text = contents[i]!.toString('utf8');
    return file.endsWith('.jsonl') ? parseJsonLines(name, text) : [parseMarkdownReport(name, text)];
  });
  return { reports, contentHash: hashBytes(files, contents) };
}
