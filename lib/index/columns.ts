/**
 * Paragraphs and reports as columns: numbers in typed arrays, strings in one UTF-8 buffer each,
 * decoded one at a time when asked. Over a large corpus an array of objects and strings was slow
 * to parse from the artifact and made every collection of V8's heap walk millions of objects;
 * columns load as a few buffers, and a search decodes only what it reads (BENCHMARKS.md).
 */
import { ByteReader, utf8Length, utf8LengthAt, writeUtf8, writeVarint } from '../util/codec';
import { grownTo, lowerBound } from './postings';

/** Bytes the text patches start with; they double as needed. */
const INITIAL_PATCH_BYTES = 1 << 16;

/** A report as the index keeps it. */
export interface ReportRecord {
  /** URL-safe report id. */
  id: string;
  /** Report title. */
  title: string;
  /** Publication date, `YYYY-MM-DD`, or null. */
  date: string | null;
  /** Publisher named by the source, or null. */
  source: string | null;
  /** Section headings in order; paragraphs refer to them by position. */
  sections: string[];
  /** Whether its text was read from a scan by OCR, and may hold misread words. */
  ocr: boolean;
  /** Where it comes from, largest place first (四川省资阳市), or null. */
  region: string | null;
  /** The level that issued it (国家, 省, 市, 县), or null. */
  level: string | null;
  /** What kind of report it is (政府工作报告, …), or null. */
  kind: string | null;
  /** The year it covers as its content gives it, or null (reportYear falls back on the date). */
  year: number | null;
  /** Index of the report's first paragraph in the global paragraph list. */
  first: number;
  /** Number of paragraphs in the report. */
  count: number;
}

/** A paragraph as the index keeps it. */
export interface ParagraphRecord {
  /** Stable id, also the HTML anchor on the report page (`p-1a2b3c4d5e`). */
  id: string;
  /** Position of the report in the index's `reports`. */
  report: number;
  /** Position of the section in the report's `sections`, or -1 before the first heading. */
  section: number;
  /** 1-based position of the paragraph inside its report. */
  ordinal: number;
  /** The paragraph exactly as published. */
  text: string;
  /** The normalised text that matching runs on (simplified, half-width, lower case). */
  norm: string;
  /** Number of word tokens, the BM25 document length. */
  length: number;
}

/** The heading of the section a paragraph of `report` sits in, or null before the first heading. */
export function headingOf(
  report: Pick<ReportRecord, 'sections'>,
  paragraph: Pick<ParagraphRecord, 'section'>,
): string | null {
  return paragraph.section >= 0 ? (report.sections[paragraph.section] ?? null) : null;
}

/**
 * Strings at least this long (in bytes) are searched with Buffer's native indexOf; shorter ones with
 * a plain loop, which beats the native call's overhead on a line of poetry.
 */
const NATIVE_SEARCH_BYTES = 256;

/** Rows `from .. to` of a string column. */
export interface ColumnRows {
  column: StringColumn;
  from: number;
  to: number;
}

/** Strings stored back to back as UTF-8; string i is `bytes[offsets[i] .. offsets[i + 1])`. */
export class StringColumn {
  constructor(
    readonly bytes: Buffer,
    readonly offsets: Uint32Array,
  ) {}

  static from(strings: string[]): StringColumn {
    const offsets = new Uint32Array(strings.length + 1);
    for (let i = 0; i < strings.length; i++) offsets[i + 1] = offsets[i]! + Buffer.byteLength(strings[i]!);
    const bytes = Buffer.allocUnsafe(offsets[strings.length]!);
    for (let i = 0; i < strings.length; i++) bytes.write(strings[i]!, offsets[i]!);
    return new StringColumn(bytes, offsets);
  }

  /** Ranges of rows of columns, one after another, as one column: their bytes copied, not decoded (merge.ts). */
  static join(pieces: ColumnRows[]): StringColumn {
    let rows = 0;
    let size = 0;
    for (const { column, from, to } of pieces) {
      rows += to - from;
      size += column.offsets[to]! - column.offsets[from]!;
    }
    const bytes = Buffer.allocUnsafe(size);
    const offsets = new Uint32Array(rows + 1);
    let row = 0;
    let at = 0;
    for (const { column, from, to } of pieces) {
      const o = column.offsets;
      const shift = at - o[from]!;
      at += column.bytes.copy(bytes, at, o[from]!, o[to]!);
      for (let r = from; r < to; r++) offsets[++row] = o[r + 1]! + shift;
    }
    return new StringColumn(bytes, offsets);
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  get(i: number): string {
    return this.bytes.toString('utf8', this.offsets[i], this.offsets[i + 1]);
  }

  /**
   * Non-overlapping occurrences of `needle` (UTF-8 bytes) in string i, counted in the bytes without
   * decoding: UTF-8 is self-synchronising, so byte matches are exactly the string matches.
   */
  count(i: number, needle: Uint8Array, stopAtFirst = false): number {
    const m = needle.length;
    if (m === 0) return 0;
    const start = this.offsets[i]!;
    const end = this.offsets[i + 1]!;
    if (end - start >= NATIVE_SEARCH_BYTES) return this.countNative(start, end, needle, stopAtFirst);
    const bytes = this.bytes;
    const first = needle[0]!;
    const last = end - m;
    let n = 0;
    outer: for (let at = start; at <= last; at++) {
      if (bytes[at] !== first) continue;
      for (let k = 1; k < m; k++) if (bytes[at + k] !== needle[k]) continue outer;
      if (stopAtFirst) return 1;
      n++;
      at += m - 1;
    }
    return n;
  }

  /** count for a long string: Buffer's native search over a view of it, faster once strings run long. */
  private countNative(start: number, end: number, needle: Uint8Array, stopAtFirst: boolean): number {
    const view = this.bytes.subarray(start, end);
    let n = 0;
    for (let at = view.indexOf(needle); at !== -1; at = view.indexOf(needle, at + needle.length)) {
      if (stopAtFirst) return 1;
      n++;
    }
    return n;
  }

  /** Whether string i contains `needle` (UTF-8 bytes). */
  includes(i: number, needle: Uint8Array): boolean {
    return this.count(i, needle, true) > 0;
  }

  /** Every string, decoded: for scans and tools, never on a search's path. */
  all(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }
}

/** How a paragraph's text is stored beside its normalised text (the first byte of its patch). */
const enum TextPatch {
  /** The whole text follows, as UTF-8: it has not as many characters as its normalised text. */
  Whole = 0,
  /**
   * Pairs of varints follow: where the next difference is, in bytes of the normalised text's UTF-8
   * after the last one, then the text's code point there in place of the normalised one.
   */
  Differences = 1,
}

/**
 * Paragraph texts stored as their differences from the normalised texts, which are stored anyway:
 * normalising maps a character to a character almost always, so a text is its normalised text with
 * some characters put back (traditional forms, full-width punctuation, capitals). A paragraph whose
 * text equals its normalised text stores nothing; one whose character count changed (NFKC expands
 * ㍿ to 株式会社) stores its text whole. Over poetry this is 57 → 27 MB, and decoding a text for
 * a result costs a pass over its characters.
 */
export class TextColumn {
  constructor(
    readonly norms: StringColumn,
    /** Per paragraph, its patch (see TextPatch); empty when the text is its normalised text. */
    readonly patches: StringColumn,
  ) {}

  /** Texts as published (made well-formed, as every string column is), over their normalised texts. */
  static from(texts: string[], norms: StringColumn): TextColumn {
    const offsets = new Uint32Array(texts.length + 1);
    let out = new Uint8Array(INITIAL_PATCH_BYTES);
    let o = 0;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!.toWellFormed();
      const norm = norms.get(i);
      if (text !== norm) {
        // At most a varint of the gap (5 bytes) and of the code point (3) per character, or the whole text.
        out = grownTo(out, o + 1 + Math.max(8 * text.length, Buffer.byteLength(text)));
        o = TextColumn.patch(text, norm, out, o);
      }
      offsets[i + 1] = o;
    }
    return new TextColumn(norms, new StringColumn(Buffer.from(out.subarray(0, o)), offsets));
  }

  /** Writes the patch of `text` over `norm` at `o` of `out`; returns the position after it. */
  private static patch(text: string, norm: string, out: Uint8Array, o: number): number {
    const start = o;
    out[o++] = TextPatch.Differences;
    let at = 0; // where the normalised character starts in the UTF-8
    let resume = 0; // just past the last difference
    let t = 0;
    let n = 0;
    while (t < text.length && n < norm.length) {
      const c = text.codePointAt(t)!;
      const m = norm.codePointAt(n)!;
      if (c !== m) {
        o = writeVarint(out, o, at - resume);
        o = writeVarint(out, o, c);
        resume = at + utf8Length(m);
      }
      at += utf8Length(m);
      t += c > 0xffff ? 2 : 1;
      n += m > 0xffff ? 2 : 1;
    }
    if (t === text.length && n === norm.length) return o;
    out[start] = TextPatch.Whole; // not as many characters: the text itself
    return start + 1 + Buffer.from(out.buffer, out.byteOffset + start + 1).write(text);
  }

  get length(): number {
    return this.patches.length;
  }

  get(i: number): string {
    const { bytes, offsets } = this.patches;
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (start === end) return this.norms.get(i);
    if (bytes[start] === TextPatch.Whole) return bytes.toString('utf8', start + 1, end);
    // The text's UTF-8 is the normalised text's with the differences written in, made in one buffer.
    const norm = this.norms.bytes;
    let from = this.norms.offsets[i]!;
    const normEnd = this.norms.offsets[i + 1]!;
    const out = this.room((normEnd - from) * 4);
    let o = 0;
    for (const reader = new ByteReader(bytes, start + 1); reader.at < end;) {
      // Two varints: the bytes to copy, then the code point to write.
      const skip = reader.varint();
      const c = reader.varint();
      for (const stop = from + skip; from < stop;) out[o++] = norm[from++]!;
      from += utf8LengthAt(norm, from);
      o = writeUtf8(out, o, c);
    }
    while (from < normEnd) out[o++] = norm[from++]!;
    return out.toString('utf8', 0, o);
  }

  private buffer = Buffer.alloc(0);

  /** A buffer of at least `size` bytes for decoding into, kept from one text to the next. */
  private room(size: number): Buffer {
    if (this.buffer.length < size) this.buffer = Buffer.alloc(Math.max(size, this.buffer.length * 2));
    return this.buffer;
  }

  /** Every text, decoded: for scans and tools, never on a search's path. */
  all(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }
}

/** A paragraph id: `p-`, ten hex digits of hash (analyze.ts), and `-n` for the nth repeat in a report. */
const PARAGRAPH_ID = /^p-([0-9a-f]{10})(?:-([1-9][0-9]*))?$/;
/** Bytes of a paragraph id's hash. */
const ID_HASH_BYTES = 5;

/**
 * Paragraph ids as their 40-bit hashes, five bytes each, with the few repeats' numbers beside them.
 * As strings (with offsets) they took 16 bytes a paragraph, 22 MB over poetry.
 */
export class ParagraphIds {
  constructor(
    /** Paragraph i's hash is `hashes[5i .. 5i + 5)`. */
    readonly hashes: Uint8Array,
    /** Paragraphs whose id has a repeat number, ascending, and their numbers. */
    readonly repeated: Uint32Array,
    readonly repeats: Uint32Array,
  ) {}

  static from(ids: string[]): ParagraphIds {
    const hashes = new Uint8Array(ids.length * ID_HASH_BYTES);
    const repeated: number[] = [];
    const repeats: number[] = [];
    ids.forEach((id, i) => {
      const m = PARAGRAPH_ID.exec(id);
      if (!m) throw new Error(`paragraph id "${id}" is not p- and ten hex digits`);
      hashes.set(Buffer.from(m[1]!, 'hex'), i * ID_HASH_BYTES);
      if (m[2]) {
        repeated.push(i);
        repeats.push(Number(m[2]));
      }
    });
    return new ParagraphIds(hashes, Uint32Array.from(repeated), Uint32Array.from(repeats));
  }

  get length(): number {
    return this.hashes.length / ID_HASH_BYTES;
  }

  get(i: number): string {
    const hex = Buffer.from(this.hashes.buffer, this.hashes.byteOffset + i * ID_HASH_BYTES, ID_HASH_BYTES).toString(
      'hex',
    );
    const r = lowerBound(this.repeated, i);
    return r < this.repeated.length && this.repeated[r] === i ? `p-${hex}-${this.repeats[r]}` : `p-${hex}`;
  }

  /** Every id: for tools and tests, never on a search's path. */
  all(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }
}

/** The numeric columns of the paragraph table, one entry per paragraph. */
export interface ParagraphColumns {
  /** Position of the paragraph's report. */
  report: Int32Array;
  /** Position of its section in the report, or -1 before the first heading (MAX_SECTIONS at most). */
  section: Int16Array;
  /** Word tokens, the BM25 document length, saturating at MAX_TOKENS. */
  tokens: Uint16Array;
}

/** Sections a report may have: a paragraph's section is stored in 16 bits. */
export const MAX_SECTIONS = 0x7fff;
/**
 * The BM25 length of a paragraph of more tokens (a hundred thousand characters or so): lengths are
 * stored in 16 bits, and beyond this the length normalisation hardly tells paragraphs apart.
 */
export const MAX_TOKENS = 0xffff;

/** All paragraphs of all reports, in report order; a paragraph's position is its id in every index. */
export class Paragraphs {
  constructor(
    readonly ids: ParagraphIds,
    readonly texts: TextColumn,
    /** Normalised texts, what matching runs on. */
    readonly norms: StringColumn,
    readonly columns: ParagraphColumns,
    /** Each report's first paragraph (Reports.bounds): a paragraph's ordinal is its distance from it. */
    private readonly firsts: Int32Array,
  ) {}

  private headed: boolean | null = null;

  get count(): number {
    return this.columns.report.length;
  }

  /** Whether any paragraph sits under a section heading (poetry has none); found once, on first ask. */
  get hasSections(): boolean {
    return (this.headed ??= this.columns.section.some((s) => s >= 0));
  }

  text(i: number): string {
    return this.texts.get(i);
  }

  /** The normalised text that matching runs on. */
  norm(i: number): string {
    return this.norms.get(i);
  }

  get(i: number): ParagraphRecord {
    const { report, section, tokens } = this.columns;
    return {
      id: this.ids.get(i),
      report: report[i]!,
      section: section[i]!,
      ordinal: i - this.firsts[report[i]!]! + 1,
      text: this.text(i),
      norm: this.norm(i),
      length: tokens[i]!,
    };
  }

  /** Position of the paragraph with id `id` among paragraphs first..first+count-1 (a report's), or -1. */
  indexIn(id: string, first: number, count: number): number {
    for (let i = first; i < first + count; i++) if (this.ids.get(i) === id) return i;
    return -1;
  }

  /** Paragraphs first..first+count-1 (a report's), as records. */
  range(first: number, count: number): ParagraphRecord[] {
    return Array.from({ length: count }, (_, k) => this.get(first + k));
  }
}

/** A report's fields other than its id and paragraph range, stored as JSON per report. */
type ReportBody = Pick<
  ReportRecord,
  'title' | 'date' | 'source' | 'sections' | 'ocr' | 'region' | 'level' | 'kind' | 'year'
>;

/** Whether a body field holds nothing (null, false, no sections): trailing ones are not stored. */
const empty = (v: unknown) => v === null || v === false || (Array.isArray(v) && v.length === 0);

/**
 * A report body as JSON without its field names, `[title, date, source, sections, ocr, region,
 * level, kind, year]`, and without the trailing fields that are empty: over poetry's 311,828 poems,
 * whose only field is the title, the names and empty fields were more than half of the 28.5 MB of
 * bodies.
 */
function encodeBody({ title, date, source, sections, ocr, region, level, kind, year }: ReportBody): string {
  const fields: unknown[] = [title, date, source, sections, ocr, region, level, kind, year];
  while (fields.length > 1 && empty(fields[fields.length - 1])) fields.pop();
  return JSON.stringify(fields);
}

function decodeBody(json: string): ReportBody {
  const [
    title,
    date = null,
    source = null,
    sections = [],
    ocr = false,
    region = null,
    level = null,
    kind = null,
    year = null,
  ] = JSON.parse(json) as [
    string,
    string | null,
    string | null,
    string[],
    boolean,
    string | null,
    string | null,
    string | null,
    number | null,
  ];
  return { title, date, source, sections, ocr, region, level, kind, year };
}

/** The year a report covers: its own `year`, else its date's, else null. What year: filters by. */
export function reportYear(report: Pick<ReportRecord, 'year' | 'date'>): number | null {
  return report.year ?? (report.date ? Number(report.date.slice(0, 4)) : null);
}

/** Reports in content order. */
export class Reports {
  private byId: Map<string, number> | null = null;
  /** Bodies decoded so far: each is parsed once, on first use, not once per hit or facet. */
  private readonly decoded: (ReportBody | undefined)[] = [];

  constructor(
    readonly ids: StringColumn,
    /** Each report's ReportBody as a JSON array (see encodeBody). */
    readonly bodies: StringColumn,
    /** Report i's paragraphs are `bounds[i] .. bounds[i + 1]`: one entry more than there are reports. */
    readonly bounds: Int32Array,
  ) {}

  static from(records: ReportRecord[]): Reports {
    const bounds = new Int32Array(records.length + 1);
    records.forEach((d, i) => {
      bounds[i] = d.first;
      bounds[i + 1] = d.first + d.count;
    });
    return new Reports(StringColumn.from(records.map((d) => d.id)), StringColumn.from(records.map(encodeBody)), bounds);
  }

  get count(): number {
    return this.bounds.length - 1;
  }

  get(i: number): ReportRecord {
    const body = (this.decoded[i] ??= decodeBody(this.bodies.get(i)));
    return { id: this.ids.get(i), ...body, first: this.bounds[i]!, count: this.bounds[i + 1]! - this.bounds[i]! };
  }

  /**
   * Report i decoded now and not kept: for a pass over many reports (the report table, an export),
   * which would otherwise leave every body decoded in memory (poetry has 311 k reports).
   */
  read(i: number): ReportRecord {
    const body = this.decoded[i] ?? decodeBody(this.bodies.get(i));
    return { id: this.ids.get(i), ...body, first: this.bounds[i]!, count: this.bounds[i + 1]! - this.bounds[i]! };
  }

  /** Position of the report with this id, or -1. The lookup table is made on first use. */
  indexOf(id: string): number {
    if (!this.byId) {
      this.byId = new Map();
      for (let i = 0; i < this.count; i++) this.byId.set(this.ids.get(i), i);
    }
    return this.byId.get(id) ?? -1;
  }
}
