/**
 * Paragraphs and reports as columns: numbers in typed arrays, strings in one UTF-8 buffer each,
 * decoded one at a time when asked. Over a large corpus an array of objects and strings was slow
 * to parse from the artifact and made every collection of V8's heap walk millions of objects;
 * columns load as a few buffers, and a search decodes only what it reads (BENCHMARKS.md).
 */

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

/**
 * Strings at least this long (in bytes) are searched with Buffer's native indexOf; shorter ones with
 * a plain loop, which beats the native call's overhead on a line of poetry.
 */
const NATIVE_SEARCH_BYTES = 256;

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

/** The numeric columns of the paragraph table, one entry per paragraph. */
export interface ParagraphColumns {
  /** Position of the paragraph's report. */
  report: Int32Array;
  /** Position of its section in the report, or -1 before the first heading. */
  section: Int32Array;
  /** 1-based position inside the report. */
  ordinal: Int32Array;
  /** Word tokens, the BM25 document length. */
  tokens: Int32Array;
}

/** All paragraphs of all reports, in report order; a paragraph's position is its id in every index. */
export class Paragraphs {
  constructor(
    readonly ids: StringColumn,
    readonly texts: StringColumn,
    /** Normalised texts, what matching runs on. */
    readonly norms: StringColumn,
    readonly columns: ParagraphColumns,
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
    const { report, section, ordinal, tokens } = this.columns;
    return {
      id: this.ids.get(i),
      report: report[i]!,
      section: section[i]!,
      ordinal: ordinal[i]!,
      text: this.text(i),
      norm: this.norm(i),
      length: tokens[i]!,
    };
  }

  /** Paragraphs first..first+count-1 (a report's), as records. */
  range(first: number, count: number): ParagraphRecord[] {
    return Array.from({ length: count }, (_, k) => this.get(first + k));
  }
}

/** A report's fields other than its id and paragraph range, stored as JSON per report. */
type ReportBody = Pick<ReportRecord, 'title' | 'date' | 'source' | 'sections'>;

/**
 * A report body as JSON without its field names, `[title, date, source, sections]`, and without the
 * trailing fields that are empty (null, null, []): over poetry's 311,828 poems, whose only field is
 * the title, the names and empty fields were more than half of the 28.5 MB of bodies.
 */
function encodeBody({ title, date, source, sections }: ReportBody): string {
  const fields: unknown[] = [title, date, source, sections];
  while (fields.length > 1) {
    const last = fields[fields.length - 1];
    if (last !== null && !(Array.isArray(last) && last.length === 0)) break;
    fields.pop();
  }
  return JSON.stringify(fields);
}

function decodeBody(json: string): ReportBody {
  const [title, date = null, source = null, sections = []] = JSON.parse(json) as [
    string,
    string | null,
    string | null,
    string[],
  ];
  return { title, date, source, sections };
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

  /** Position of the report with this id, or -1. The lookup table is made on first use. */
  indexOf(id: string): number {
    if (!this.byId) {
      this.byId = new Map();
      for (let i = 0; i < this.count; i++) this.byId.set(this.ids.get(i), i);
    }
    return this.byId.get(id) ?? -1;
  }
}
