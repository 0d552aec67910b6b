import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { SearchIndex } from './build';
import { exportFlex, importFlex, type FlexDump } from './flex';
import type { DocRecord, ParagraphRecord } from './types';

/** Bump when the artifact's layout changes. */
export const ARTIFACT_VERSION = 6;
const FORMAT = 'report-search-index';

/** The index artifact is missing, unreadable, or from another version or content. */
export class IndexArtifactError extends Error {
  constructor(message: string) {
    super(`index: ${message}`);
    this.name = 'IndexArtifactError';
  }
}

/**
 * The artifact is one file: a line of JSON (the header: format, version, content hash, and where
 * each section lies), then the sections' bytes. JSON sections hold what is small or irregular;
 * typed arrays are stored as their raw little-endian bytes. No part is ever one JavaScript string
 * of the whole: over the poetry corpus the file is ~600 MB, beyond V8's longest string.
 */
interface Header {
  format: typeof FORMAT;
  version: number;
  contentHash: string;
  builtAt: string;
  avgLength: number;
  paragraphs: number;
  sections: Record<SectionName, { offset: number; length: number }>;
}

type SectionName =
  | 'docs' | 'keywords' | 'ids' | 'texts' | 'norms' | 'doc' | 'section' | 'ordinal' | 'length'
  | 'flex' | 'gramKeys' | 'gramOffsets' | 'gramPostings';

/** Where the artifact lives: SEARCH_INDEX, or .index/search-index.bin under the working directory. */
export function artifactPath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.SEARCH_INDEX ?? path.join('.index', 'search-index.bin'));
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const bytes = (a: Int32Array | Uint32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Writes the artifact atomically: a temporary file renamed over the old one. Returns its size. */
export function writeArtifact(index: SearchIndex, file: string): number {
  const p = index.paragraphs;
  const column = (pick: (r: ParagraphRecord) => number) => bytes(Int32Array.from(p, pick));
  const sections: Record<SectionName, Buffer> = {
    docs: json(index.docs),
    keywords: json(index.keywords),
    ids: json(p.map((r) => r.id)),
    texts: json(p.map((r) => r.text)),
    // Most Chinese text is its own normal form: store the difference only.
    norms: json(p.map((r) => (r.norm === r.text ? 0 : r.norm))),
    doc: column((r) => r.doc),
    section: column((r) => r.section),
    ordinal: column((r) => r.ordinal),
    length: column((r) => r.length),
    flex: json(exportFlex(index.flex)),
    gramKeys: bytes(index.grams.keys),
    gramOffsets: bytes(index.grams.offsets),
    gramPostings: bytes(index.grams.postings),
  };
  const layout = {} as Header['sections'];
  let offset = 0;
  for (const [name, buffer] of Object.entries(sections) as [SectionName, Buffer][]) {
    layout[name] = { offset, length: buffer.byteLength };
    offset += buffer.byteLength;
  }
  const header: Header = {
    format: FORMAT, version: ARTIFACT_VERSION, contentHash: index.contentHash, builtAt: index.builtAt,
    avgLength: index.avgLength, paragraphs: p.length, sections: layout,
  };
  const head = Buffer.from(JSON.stringify(header) + '\n');
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, head);
    for (const buffer of Object.values(sections)) writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return head.byteLength + offset;
}

/** Reads the header line only, to tell whether the artifact is current without loading it. */
export function readArtifactStamp(file: string): { version: number; contentHash: string } | null {
  try {
    const fd = openSync(file, 'r');
    const buffer = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    closeSync(fd);
    const line = buffer.subarray(0, n).toString('utf8').split('\n')[0]!;
    const header = JSON.parse(line) as Partial<Header>;
    return typeof header.version === 'number' && typeof header.contentHash === 'string'
      ? { version: header.version, contentHash: header.contentHash }
      : null;
  } catch {
    return null;
  }
}

/**
 * Loads the artifact. With `expectedHash`, an artifact built from other content is refused, so the
 * server never answers from a stale index.
 */
export function readArtifact(file: string, expectedHash?: string): SearchIndex {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new IndexArtifactError(`${missing ? 'no index at' : 'cannot read'} ${file}; run \`npm run build:index\``);
  }
  const newline = raw.indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(raw.subarray(0, newline === -1 ? raw.length : newline).toString('utf8')) as Header;
  } catch {
    throw new IndexArtifactError(`${file} is corrupt (no header); run \`npm run build:index\``);
  }
  if (header?.format !== FORMAT || header.version !== ARTIFACT_VERSION) {
    throw new IndexArtifactError(
      `${file} has format version ${String(header?.version)}, this server reads ${ARTIFACT_VERSION}; run \`npm run build:index\``,
    );
  }
  if (expectedHash !== undefined && header.contentHash !== expectedHash) {
    throw new IndexArtifactError(`${file} was built from other content; run \`npm run build:index\``);
  }
  try {
    return fromSections(header, raw, newline + 1);
  } catch (err) {
    throw new IndexArtifactError(`${file} is corrupt (${(err as Error).message}); run \`npm run build:index\``);
  }
}

function fromSections(header: Header, raw: Buffer, base: number): SearchIndex {
  const slice = (name: SectionName) => {
    const s = header.sections[name];
    if (!s || base + s.offset + s.length > raw.length) throw new Error(`section ${name} is truncated`);
    return raw.subarray(base + s.offset, base + s.offset + s.length);
  };
  const parse = <T>(name: SectionName) => JSON.parse(slice(name).toString('utf8')) as T;
  // Copied into fresh buffers: typed arrays need aligned offsets, and the file buffer can then go.
  const typed = <T extends Int32Array | Uint32Array | Float64Array>(name: SectionName, Type: { new (n: number): T; BYTES_PER_ELEMENT: number }): T => {
    const b = slice(name);
    const out = new Type(b.byteLength / Type.BYTES_PER_ELEMENT);
    new Uint8Array(out.buffer).set(b);
    return out;
  };
  const ids = parse<string[]>('ids');
  const texts = parse<string[]>('texts');
  const norms = parse<(string | 0)[]>('norms');
  const [doc, section, ordinal, length] = (['doc', 'section', 'ordinal', 'length'] as const).map((n) => typed(n, Int32Array));
  if (ids.length !== header.paragraphs || texts.length !== header.paragraphs || doc!.length !== header.paragraphs) {
    throw new Error('paragraph columns disagree');
  }
  const paragraphs: ParagraphRecord[] = ids.map((id, i) => ({
    id, doc: doc![i]!, section: section![i]!, ordinal: ordinal![i]!, text: texts[i]!, norm: norms[i] || texts[i]!, length: length![i]!,
  }));
  return {
    docs: parse<DocRecord[]>('docs'),
    keywords: parse<string[]>('keywords'),
    paragraphs,
    flex: importFlex(parse<FlexDump>('flex')),
    grams: { keys: typed('gramKeys', Float64Array), offsets: typed('gramOffsets', Uint32Array), postings: typed('gramPostings', Uint32Array) },
    avgLength: header.avgLength,
    contentHash: header.contentHash,
    builtAt: header.builtAt,
  };
}
