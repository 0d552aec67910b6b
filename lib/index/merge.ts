/**
 * Segments merged into one index: the reports of each in turn, less those deleted, renumbered
 * into one run of paragraph ids, with their vocabularies, gram lists and pinyin tables merged as
 * sorted sequences (merge-postings.ts). The result is the index a single build of the same reports
 * in the same order makes, byte for byte (a property test holds them equal), so every search reads
 * one index whatever the segments.
 *
 * Merging costs the bytes it copies, not the text: no paragraph is analysed again. Columns are
 * copied in ranges (a report's paragraphs, a run of rows), never row by row, so a report added to
 * a large index costs a copy of its arrays and not a build.
 */
import { ParagraphIds, Paragraphs, Reports, StringColumn, TextColumn, type ColumnRows } from './columns';
import { mergeGrams, mergePinyin, mergeWords, type Placed } from './merge-postings';
import type { SearchIndex } from './model';
import { loadWords } from './words';

/** A segment's index and which of its reports are deleted (1 at a deleted report's ordinal). */
export interface MergePart {
  index: SearchIndex;
  deleted?: Uint8Array | null;
}

/** What the merged index is stamped with. */
export interface MergeStamp {
  contentHash: string;
  builtAt?: Date;
}

/** Bytes of a paragraph's id hash (columns.ts). */
const ID_HASH_BYTES = 5;

/**
 * The index of the parts' live reports, in part order. Stored answers are dropped when anything
 * changes (their counts and scores were one segment's) and distinctive terms are kept as each
 * segment computed them: the indexer computes both again when it writes a merged segment.
 */
export function mergeIndexes(parts: MergePart[], stamp: MergeStamp): SearchIndex {
  if (parts.length === 0) throw new Error('merge: no segments to merge');
  const only = parts[0]!;
  if (parts.length === 1 && !only.deleted?.includes(1)) return only.index;
  const placed = place(parts);
  const n = placed.reduce((sum, p) => sum + p.count, 0);
  const reports = mergeReports(placed, n);
  const paragraphs = mergeParagraphs(placed, reports);
  const words = mergeWords(placed);
  let tokens = 0;
  for (let i = 0; i < n; i++) tokens += paragraphs.columns.tokens[i]!;
  const last = parts[parts.length - 1]!.index;
  const largest = placed.reduce((a, b) => (b.count > a.count ? b : a));
  return {
    reports,
    paragraphs,
    wordIndex: loadWords(words.postings),
    wordPostings: words.postings,
    grams: mergeGrams(placed),
    pinyin: mergePinyin(placed, words.maps),
    dictionary: last.dictionary,
    synonyms: last.synonyms,
    answers: new Map(),
    distinctive: StringColumn.join(placed.flatMap((p) => reportRanges(p, p.index.distinctive))),
    keywords: largest.index.keywords,
    avgLength: n ? tokens / n : 0,
    contentHash: stamp.contentHash,
    engine: last.engine,
    builtAt: (stamp.builtAt ?? new Date()).toISOString(),
  };
}

/** Where each part's live paragraphs go among the merged ones. */
function place(parts: MergePart[]): Placed[] {
  let base = 0;
  return parts.map(({ index, deleted }) => {
    const { bounds } = index.reports;
    const reports: number[] = [];
    for (let r = 0; r < index.reports.count; r++) if (!deleted?.[r]) reports.push(r);
    let map: Int32Array | null = null;
    let count = index.paragraphs.count;
    const ranges: [number, number][] = [];
    if (reports.length < index.reports.count) {
      map = new Int32Array(index.paragraphs.count).fill(-1);
      count = 0;
      for (const r of reports) {
        const [from, to] = [bounds[r]!, bounds[r + 1]!];
        for (let i = from; i < to; i++) map[i] = base + count++;
        const last = ranges[ranges.length - 1];
        if (last && last[1] === from) last[1] = to;
        else ranges.push([from, to]);
      }
    } else ranges.push([0, count]);
    const part = { index, reports, ranges, map, base, count };
    base += count;
    return part;
  });
}

/** A part's live paragraphs' rows of a per-paragraph column. */
function paragraphRanges(p: Placed, column: StringColumn): ColumnRows[] {
  return p.ranges.map(([from, to]) => ({ column, from, to }));
}

/** A part's live reports' rows of a per-report column. */
function reportRanges(p: Placed, column: StringColumn): ColumnRows[] {
  const rows: ColumnRows[] = [];
  for (const r of p.reports) {
    const last = rows[rows.length - 1];
    if (last && last.to === r) last.to = r + 1;
    else rows.push({ column, from: r, to: r + 1 });
  }
  return rows;
}

function mergeReports(placed: Placed[], n: number): Reports {
  const count = placed.reduce((sum, p) => sum + p.reports.length, 0);
  const bounds = new Int32Array(count + 1);
  let r = 0;
  for (const p of placed) {
    const b = p.index.reports.bounds;
    let at = p.base;
    for (const own of p.reports) {
      bounds[r++] = at;
      at += b[own + 1]! - b[own]!;
    }
  }
  bounds[count] = n;
  return new Reports(
    StringColumn.join(placed.flatMap((p) => reportRanges(p, p.index.reports.ids))),
    StringColumn.join(placed.flatMap((p) => reportRanges(p, p.index.reports.bodies))),
    bounds,
  );
}

function mergeParagraphs(placed: Placed[], reports: Reports): Paragraphs {
  const n = reports.bounds[reports.count]!;
  const norms = StringColumn.join(placed.flatMap((p) => paragraphRanges(p, p.index.paragraphs.norms)));
  const patches = StringColumn.join(placed.flatMap((p) => paragraphRanges(p, p.index.paragraphs.texts.patches)));
  const hashes = new Uint8Array(n * ID_HASH_BYTES);
  const repeated: number[] = [];
  const repeats: number[] = [];
  const report = new Int32Array(n);
  const section = new Int16Array(n);
  const tokens = new Uint16Array(n);
  let reportBase = 0;
  for (const p of placed) {
    const { ids, columns } = p.index.paragraphs;
    const renumbered = new Int32Array(p.index.reports.count).fill(-1);
    p.reports.forEach((r, j) => (renumbered[r] = reportBase + j));
    let at = p.base;
    for (const [from, to] of p.ranges) {
      hashes.set(ids.hashes.subarray(from * ID_HASH_BYTES, to * ID_HASH_BYTES), at * ID_HASH_BYTES);
      section.set(columns.section.subarray(from, to), at);
      tokens.set(columns.tokens.subarray(from, to), at);
      for (let i = from; i < to; i++) report[at + i - from] = renumbered[columns.report[i]!]!;
      at += to - from;
    }
    for (let j = 0; j < ids.repeated.length; j++) {
      const local = ids.repeated[j]!;
      const g = p.map ? p.map[local]! : p.base + local;
      if (g < 0) continue;
      repeated.push(g);
      repeats.push(ids.repeats[j]!);
    }
    reportBase += p.reports.length;
  }
  return new Paragraphs(
    new ParagraphIds(hashes, Uint32Array.from(repeated), Uint32Array.from(repeats)),
    new TextColumn(norms, patches),
    norms,
    { report, section, tokens },
    reports.bounds,
  );
}
