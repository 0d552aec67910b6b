import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, read, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJsonLines } from './jsonl';
import { parseMarkdownReport } from './paragraphs';
import type { ReportSource } from './types';

/** Bump when tokenisation or normalisation changes, so older artifacts are rebuilt. */
export const ENGINE_VERSION = 1;

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
  return names.filter((n) => n.endsWith('.md') || n.endsWith('.jsonl')).sort().map((n) => path.join(/*turbopackIgnore: true*/ dir, n));
}

/**
 * A file's bytes, read on the thread pool in one read call (per GiB), queued before this returns:
 * fs.promises.readFile reads 512 KiB at a time and issues each next read from this thread, so it
 * stalls while this thread is busy — which is exactly when a read in the background should run.
 */
export function readWhole(file: string): Promise<Buffer> {
  let fd: number;
  let buffer: Buffer;
  try {
    fd = openSync(file, 'r');
    buffer = Buffer.allocUnsafe(fstatSync(fd).size);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  const next = (at: number): Promise<Buffer> =>
    new Promise<number>((resolve, reject) =>
      read(fd, buffer, at, Math.min(buffer.length - at, 1 << 30), at, (err, n) => (err ? reject(err) : resolve(n))),
    ).then((n) => (n === 0 || at + n >= buffer.length ? buffer.subarray(0, at + n) : next(at + n)));
  const done = buffer.length === 0 ? Promise.resolve(buffer) : next(0);
  return done.finally(() => closeSync(fd));
}

/** Hash of the content files and the engine version: what an index artifact was built from. */
export function hashContent(files: string[]): string {
  return hashBytes(files, files.map((file) => readFileSync(file)));
}

/** hashContent with the files read on libuv's thread pool. */
export async function hashContentAsync(files: string[]): Promise<string> {
  return hashBytes(files, await Promise.all(files.map((file) => readWhole(file))));
}

function hashBytes(files: string[], contents: Buffer[]): string {
  const hash = createHash('sha256').update(`engine:${ENGINE_VERSION}\n`);
  files.forEach((file, i) => hash.update(path.basename(file)).update('\0').update(contents[i]!).update('\0'));
  return hash.digest('hex');
}

/** Reads and parses every report in a content folder: Markdown files and JSON Lines files. */
export function readContent(dir: string): { reports: ReportSource[]; contentHash: string } {
  const files = listContentFiles(dir);
  if (files.length === 0) throw new Error(`content: no reports (*.md, *.jsonl) in ${dir}`);
  const contents = files.map((file) => readFileSync(file)); // read once, for the hash and the parse
  const reports = files.flatMap((file, i) => {
    const name = path.relative(process.cwd(), file) || file;
    const text = contents[i]!.toString('utf8');
    return file.endsWith('.jsonl') ? parseJsonLines(name, text) : [parseMarkdownReport(name, text)];
  });
  return { reports, contentHash: hashBytes(files, contents) };
}
