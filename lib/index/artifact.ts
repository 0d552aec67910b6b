import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { readWhole } from '../util/files';
import { ParagraphIds, Paragraphs, Reports, StringColumn, TextColumn } from './columns';
import { checksumMatches, writeDurably } from './durable';
import {
  SECTION_NAMES,
  sectionBytes,
  SectionReader,
  type SectionLayout,
  type SectionName,
  type SectionSource,
  type SectionValues,
} from './sections';
import type { StoredAnswer, SearchIndex } from './model';
import { addUserWords } from '../text/tokenize';
import { loadWords } from './words';

/**
 * The layout's version. Any change to the engine's code changes the engine hash the header carries
 * (engine.ts) and so refuses older artifacts; this number only makes the message for an artifact of
 * an older layout precise.
 */
export const ARTIFACT_VERSION = 18;
const FORMAT = 'report-search-index';
/** The header line is read alone to check an artifact without loading it; it is far shorter than this. */
const HEADER_READ_BYTES = 64 * 1024;

/** The index artifact is missing, unreadable, or from another version or content. */
export class IndexArtifactError extends Error {
  constructor(message: string) {
    super(`index: ${message}`);
    this.name = 'IndexArtifactError';
  }
}

/**
 * The artifact is one file: a line of JSON (the header: format, version, content hash, and where
 * each section lies), then the sections' bytes. Typed arrays and UTF-8 string columns are stored
 * as their raw little-endian bytes, every section starting on an 8-byte boundary, so loading makes
 * views into the file's buffer instead of parsing or copying; only key terms and stored answers
 * (small) are JSON. A footer closes the file: FOOTER_MAGIC and the CRC-32 of every byte before
 * it, verified at load, so a file damaged on disk is refused rather than served as a wrong index.
 */
interface Header {
  format: typeof FORMAT;
  version: number;
  contentHash: string;
  engine: string;
  builtAt: string;
  avgLength: number;
  paragraphs: number;
  sections: SectionLayout;
}

const ALIGN = 8;

const padding = (n: number) => (ALIGN - (n % ALIGN)) % ALIGN;

/** Every section's value, as the index holds it: what the artifact stores, and what a load worker sends. */
export function sectionValues(index: SearchIndex): SectionValues {
  const { reports, paragraphs: p, wordPostings: words, grams } = index;
  return {
    keywords: index.keywords,
    answers: [...index.answers],
    reportIds: reports.ids.bytes,
    reportIdOffsets: reports.ids.offsets,
    reportBodies: reports.bodies.bytes,
    reportBodyOffsets: reports.bodies.offsets,
    reportBounds: reports.bounds,
    distinctive: index.distinctive.bytes,
    distinctiveOffsets: index.distinctive.offsets,
    ids: p.ids.hashes,
    idRepeated: p.ids.repeated,
    idRepeats: p.ids.repeats,
    texts: p.texts.patches.bytes,
    textOffsets: p.texts.patches.offsets,
    norms: p.norms.bytes,
    normOffsets: p.norms.offsets,
    report: p.columns.report,
    section: p.columns.section,
    tokens: p.columns.tokens,
    words: words.words.bytes,
    wordOffsets: words.words.offsets,
    wordPostingOffsets: words.offsets,
    wordPostings: words.postings,
    gramKeys: grams.keys,
    gramOffsets: grams.offsets,
    gramStarts: grams.postings.starts,
    gramPostings: grams.postings.bytes,
    dictionary: index.dictionary,
    synonyms: index.synonyms,
    pinyinFull: index.pinyin.full.keys.bytes,
    pinyinFullOffsets: index.pinyin.full.keys.offsets,
    pinyinFullWords: index.pinyin.full.words,
    pinyinInitials: index.pinyin.initials.keys.bytes,
    pinyinInitialOffsets: index.pinyin.initials.keys.offsets,
    pinyinInitialWords: index.pinyin.initials.words,
  };
}

/** Writes the artifact atomically and durably (durable.ts), with its checksum footer. Returns its size. */
export function writeArtifact(index: SearchIndex, file: string): number {
  const { paragraphs: p } = index;
  const values = sectionValues(index);
  const sections = Object.fromEntries(SECTION_NAMES.map((name) => [name, sectionBytes(name, values[name])])) as Record<
    SectionName,
    Buffer
  >;
  const layout = {} as Header['sections'];
  let offset = 0;
  for (const name of SECTION_NAMES) {
    layout[name] = { offset, length: sections[name].byteLength };
    offset += sections[name].byteLength + padding(sections[name].byteLength);
  }
  const header: Header = {
    format: FORMAT,
    version: ARTIFACT_VERSION,
    contentHash: index.contentHash,
    engine: index.engine,
    builtAt: index.builtAt,
    avgLength: index.avgLength,
    paragraphs: p.count,
    sections: layout,
  };
  const line = JSON.stringify(header);
  const head = Buffer.from(line + ' '.repeat(padding(Buffer.byteLength(line) + 1)) + '\n');
  const padded = (name: SectionName) => [sections[name], Buffer.alloc(padding(sections[name].byteLength))];
  return writeDurably(file, [head, ...SECTION_NAMES.flatMap(padded)]);
}

/** What an artifact was built from and by: enough to tell whether it is current. */
export interface ArtifactStamp {
  /** The layout version. */
  version: number;
  /** Hash of the content folder it was built from. */
  contentHash: string;
  /** The engine version that built it. */
  engine: string;
}

/** What a loader expects of an artifact; an absent field is not checked. */
export type ExpectedStamp = Partial<Pick<ArtifactStamp, 'contentHash' | 'engine'>>;

/**
 * Why an artifact with this stamp is not the one `expected` asks for, or null when it is: the one
 * place that decides whether an index is current, for the loader (which refuses it) and for
 * `npm start` and `build:index --if-stale` (which rebuild it). A null stamp is a missing artifact.
 */
export function staleReason(stamp: ArtifactStamp | null, expected: ExpectedStamp): string | null {
  if (!stamp) return 'there is no index';
  if (stamp.version !== ARTIFACT_VERSION)
    return `it has format version ${String(stamp.version)}, this engine reads and writes ${ARTIFACT_VERSION}`;
  if (expected.engine !== undefined && stamp.engine !== expected.engine)
    return 'it was built by another version of the engine: the engine changed since';
  if (expected.contentHash !== undefined && stamp.contentHash !== expected.contentHash)
    return 'it was built from other content: the content changed since';
  return null;
}

/**
 * The report ids of an artifact, read from their two sections alone (a live update checks a new
 * report's id against every segment's without loading them). Not checksummed: the segment is when
 * it is loaded.
 */
export function readReportIds(file: string): StringColumn {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(HEADER_READ_BYTES);
    const n = readSync(fd, head, 0, head.length, 0);
    const newline = head.subarray(0, n).indexOf(10);
    const header = JSON.parse(head.subarray(0, newline).toString('utf8')) as Header;
    const read = (name: SectionName) => {
      const { offset, length } = header.sections[name];
      const bytes = Buffer.alloc(length);
      readSync(fd, bytes, 0, length, newline + 1 + offset);
      return bytes;
    };
    const offsets = read('reportIdOffsets');
    return new StringColumn(read('reportIds'), new Uint32Array(offsets.buffer, offsets.byteOffset, offsets.length / 4));
  } catch (err) {
    throw new IndexArtifactError(`${file} is corrupt (${(err as Error).message}); run \`npm run build:index\``);
  } finally {
    closeSync(fd);
  }
}

/**
 * Loads the artifact. An artifact built from other content or by another engine than `expected`
 * says is refused, so the server never answers from a stale index.
 */
export function readArtifact(file: string, expected: ExpectedStamp = {}, { userWords = true } = {}): SearchIndex {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (err) {
    throw unreadable(file, err);
  }
  return parseArtifact(file, raw, expected, userWords);
}

/**
 * readArtifact with the file read on libuv's thread pool, so that the reading overlaps whatever
 * this thread does meanwhile; `during` runs while it reads.
 */
export async function readArtifactAsync(
  file: string,
  expected: Promise<ExpectedStamp>,
  during: () => void = () => {},
): Promise<SearchIndex> {
  const reading = readWhole(file);
  reading.catch(() => {}); // handled below, after `during`
  during();
  let raw: Buffer;
  try {
    raw = await reading;
  } catch (err) {
    throw unreadable(file, err);
  }
  return parseArtifact(file, raw, await expected);
}

function unreadable(file: string, err: unknown): IndexArtifactError {
  const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
  return new IndexArtifactError(`${missing ? 'no index at' : 'cannot read'} ${file}; run \`npm run build:index\``);
}

/**
 * The index in an artifact's bytes. With `userWords`, this thread's jieba learns the content's
 * words, as the queries it cuts must be cut (a load worker, which cuts nothing, leaves jieba unloaded).
 */
function parseArtifact(file: string, raw: Buffer, expected: ExpectedStamp, userWords = true): SearchIndex {
  const newline = raw.indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(raw.subarray(0, newline === -1 ? raw.length : newline).toString('utf8')) as Header;
  } catch {
    throw new IndexArtifactError(`${file} is corrupt (no header); run \`npm run build:index\``);
  }
  if (header?.format !== FORMAT) {
    throw new IndexArtifactError(`${file} is not a search index of this project; run \`npm run build:index\``);
  }
  const stale = staleReason(
    { version: header.version, contentHash: header.contentHash, engine: header.engine },
    expected,
  );
  if (stale) throw new IndexArtifactError(`${file}: ${stale}; run \`npm run build:index\``);
  if (!checksumMatches(raw)) {
    throw new IndexArtifactError(`${file} is damaged (its checksum does not match); run \`npm run build:index\``);
  }
  try {
    const index = indexFrom(new SectionReader(header.sections, raw, newline + 1), header);
    // Queries are cut into words as the index's paragraphs were: with the content's own words.
    if (userWords) addUserWords(index.dictionary);
    return index;
  } catch (err) {
    throw new IndexArtifactError(`${file} is corrupt (${(err as Error).message}); run \`npm run build:index\``);
  }
}

/** What an index carries besides its sections (the artifact's header has it). */
export type IndexStamp = Pick<Header, 'avgLength' | 'paragraphs' | 'contentHash' | 'engine' | 'builtAt'>;

/** The stamp of an index, to send with its section values. */
export function indexStamp(index: SearchIndex): IndexStamp {
  const { avgLength, contentHash, engine, builtAt } = index;
  return { avgLength, paragraphs: index.paragraphs.count, contentHash, engine, builtAt };
}

/** An index over its sections, checked for agreement (a damaged artifact throws). */
export function indexFrom(s: SectionSource, header: IndexStamp, wordTable?: Uint32Array): SearchIndex {
  const n = header.paragraphs;
  const columns = { report: s.typed('report'), section: s.typed('section'), tokens: s.typed('tokens') };
  const reports = new Reports(
    s.strings('reportIds', 'reportIdOffsets'),
    s.strings('reportBodies', 'reportBodyOffsets'),
    s.typed('reportBounds'),
  );
  const distinctive = s.strings('distinctive', 'distinctiveOffsets');
  const norms = s.strings('norms', 'normOffsets');
  const paragraphs = new Paragraphs(
    new ParagraphIds(s.typed('ids'), s.typed('idRepeated'), s.typed('idRepeats')),
    new TextColumn(norms, s.strings('texts', 'textOffsets')),
    norms,
    columns,
    reports.bounds,
  );
  if (
    [
      paragraphs.ids.length,
      paragraphs.texts.length,
      paragraphs.norms.length,
      ...Object.values(columns).map((c) => c.length),
    ].some((l) => l !== n)
  ) {
    throw new Error('paragraph columns disagree');
  }
  if (paragraphs.ids.repeated.length !== paragraphs.ids.repeats.length) throw new Error('paragraph ids disagree');
  if (
    reports.ids.length !== reports.count ||
    reports.bodies.length !== reports.count ||
    reports.bounds[reports.count] !== n ||
    distinctive.length !== reports.count
  )
    throw new Error('report columns disagree');
  const wordPostings = {
    words: s.strings('words', 'wordOffsets'),
    offsets: s.typed('wordPostingOffsets'),
    postings: s.typed('wordPostings'),
  };
  return {
    reports,
    keywords: s.json<string[]>('keywords'),
    distinctive,
    answers: new Map(s.json<[string, StoredAnswer][]>('answers')),
    paragraphs,
    wordIndex: loadWords(wordPostings, wordTable),
    wordPostings,
    grams: {
      keys: s.typed('gramKeys'),
      offsets: s.typed('gramOffsets'),
      postings: { starts: s.typed('gramStarts'), bytes: s.typed('gramPostings') },
    },
    pinyin: {
      full: { keys: s.strings('pinyinFull', 'pinyinFullOffsets'), words: s.typed('pinyinFullWords') },
      initials: { keys: s.strings('pinyinInitials', 'pinyinInitialOffsets'), words: s.typed('pinyinInitialWords') },
    },
    dictionary: s.json<SearchIndex['dictionary']>('dictionary'),
    synonyms: s.json<string[][]>('synonyms'),
    avgLength: header.avgLength,
    contentHash: header.contentHash,
    engine: header.engine,
    builtAt: header.builtAt,
  };
}
