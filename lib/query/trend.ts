/**
 * Trends: how often a query matches, bucket by bucket of the collection (by year, region, kind,
 * level, publisher or report): the paragraphs that hold it, its occurrences as the highlights mark
 * them, and occurrences per 10,000 characters of the bucket's text, so that a year with more
 * reports does not look like more interest. Counts are exact: they are the search's own matches.
 */
import type { SearchIndex } from '../index/model';
import type { Scratch } from '../index/postings';
import { reportRuns, reportTable, reportTest, type ReportTable } from './collection';
import { matchAll } from './execute';
import { applyFilters, type Filters } from './facets';
import type { TermMatch } from './match';
import type { ParsedQuery, QueryNode, QueryTerm } from './parse';
import { isDirect, kindsOf } from './score';
import { highlightRanges } from './spans';

/** What a trend's buckets are. */
export const TREND_BY = ['year', 'region', 'level', 'kind', 'source', 'report'] as const;
export type TrendBy = (typeof TREND_BY)[number];

/** Queries one trend compares at most. */
export const MAX_TREND_QUERIES = 6;

export interface TrendBucket {
  key: string;
  /** Matching paragraphs in the bucket. */
  paragraphs: number;
  /** Occurrences there, as the highlights mark them. */
  occurrences: number;
  /** Characters of the bucket's text (under the filters). */
  characters: number;
  /** occurrences per 10,000 characters, to two decimals; 0 for an empty bucket. */
  perTenThousand: number;
}

export interface TrendSeries {
  q: string;
  /** Matching paragraphs in all (including reports that fall in no bucket: without a year, say). */
  paragraphs: number;
  occurrences: number;
  /** One per key of the filtered collection, zeros included, in key order. */
  buckets: TrendBucket[];
}

/** A trend's buckets: each key, the reports in it, their characters. */
interface Buckets {
  keys: string[];
  /** Per report, its bucket, or -1 when it is in none (filtered out, or no value). */
  of: Int32Array;
  characters: Float64Array;
}

/** Each report's key for `by`, or null. */
function keyOf(index: SearchIndex, table: ReportTable, by: TrendBy, r: number): string | null {
  switch (by) {
    case 'year':
      return table.years[r] === null ? null : String(table.years[r]);
    case 'report':
      return index.reports.ids.get(r);
    case 'region':
      return table.regions[r] ?? null;
    case 'level':
      return table.levels[r] ?? null;
    case 'kind':
      return table.kinds[r] ?? null;
    case 'source':
      return table.sources[r] ?? null;
  }
}

/**
 * The buckets of the filtered collection: every key its reports have, in key order (years in
 * number order; reports oldest first, as a reader reads a series), and each bucket's characters.
 */
function bucketsOf(index: SearchIndex, by: TrendBy, filters: Filters, scratch: Scratch): Buckets {
  const table = reportTable(index);
  const n = index.reports.count;
  const test = reportTest(index, filters);
  const report = filters.report === null ? -1 : index.reports.indexOf(filters.report);
  const inCollection = (r: number) => (!test || test(r)) && (filters.report === null || r === report);
  const keyed: { r: number; key: string }[] = [];
  for (let r = 0; r < n; r++) {
    if (!inCollection(r)) continue;
    const key = keyOf(index, table, by, r);
    if (key !== null) keyed.push({ r, key });
  }
  const distinct = [...new Set(keyed.map((k) => k.key))];
  if (by === 'year') distinct.sort((a, b) => Number(a) - Number(b));
  else if (by === 'report') {
    const place = new Map(keyed.map(({ r, key }) => [key, table.oldest[r]!]));
    distinct.sort((a, b) => place.get(a)! - place.get(b)!);
  } else distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const position = new Map(distinct.map((key, i) => [key, i]));
  const of = new Int32Array(n).fill(-1);
  for (const { r, key } of keyed) of[r] = position.get(key)!;
  const characters = new Float64Array(distinct.length);
  if (filters.section === null) {
    for (const { r } of keyed) characters[of[r]!]! += table.characters[r]!;
  } else {
    // Under a section filter the bucket's text is that section's paragraphs: counted paragraph by paragraph.
    const all = Uint32Array.from({ length: index.paragraphs.count }, (_, i) => i);
    const within = applyFilters(index, all, filters);
    const runs = reportRuns(index, within, scratch);
    let at = 0;
    for (let k = 0; k < runs.n; k++) {
      const bucket = of[runs.reports[k]!]!;
      for (let i = 0; i < runs.counts[k]!; i++, at++) {
        if (bucket >= 0) characters[bucket]! += [...index.paragraphs.norm(within[at]!)].length;
      }
    }
  }
  return { keys: distinct, of, characters };
}

/** Whether some proper prefix of `text` is also its suffix: then its occurrences can overlap. */
function selfOverlaps(text: string): boolean {
  for (let k = 1; k < text.length; k++) if (text.endsWith(text.slice(0, k))) return true;
  return false;
}

/**
 * Occurrences of a query in paragraph `id` as its highlights mark them. The common case, one term
 * without expansions found as typed, counts the term's bytes in the stored text; the rest asks the
 * highlighter itself.
 */
function occurrenceCounter(
  index: SearchIndex,
  terms: QueryTerm[],
  matches: TermMatch[],
  tree: QueryNode | undefined,
): (id: number) => number {
  const positive = terms.filter((t) => t.kind !== 'exclude');
  const slow = (id: number) => {
    const norm = index.paragraphs.norm(id);
    return highlightRanges(norm, norm, terms, kindsOf(matches, id).map(isDirect), tree).length;
  };
  const [only] = matches;
  if (tree || positive.length !== 1 || only!.expansions.length > 0 || selfOverlaps(only!.term.text)) return slow;
  const { norms } = index.paragraphs;
  return (id) => (only!.literal.has(id) ? norms.count(id, only!.bytes) : slow(id));
}

/** Rounds to two decimals. */
const hundredths = (x: number) => Math.round(x * 100) / 100;

/** The trend of each parsed query (with the text it was asked as) over the filtered collection, by `by`. */
export function trendOf(
  index: SearchIndex,
  queries: { q: string; parsed: ParsedQuery }[],
  by: TrendBy,
  filters: Filters,
  scratch: Scratch,
): TrendSeries[] {
  const buckets = bucketsOf(index, by, filters, scratch);
  return queries.map(({ q, parsed }) => {
    const { terms, matches, ids: matched } = matchAll(index, parsed, scratch);
    const ids = applyFilters(index, matched, filters);
    const count = occurrenceCounter(index, terms, matches, parsed.tree);
    const paragraphs = new Float64Array(buckets.keys.length);
    const occurrences = new Float64Array(buckets.keys.length);
    const reportOf = index.paragraphs.columns.report;
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const n = count(id);
      total += n;
      const bucket = buckets.of[reportOf[id]!]!;
      if (bucket < 0) continue;
      paragraphs[bucket]!++;
      occurrences[bucket]! += n;
    }
    return {
      q,
      paragraphs: ids.length,
      occurrences: total,
      buckets: buckets.keys.map((key, b) => ({
        key,
        paragraphs: paragraphs[b]!,
        occurrences: occurrences[b]!,
        characters: buckets.characters[b]!,
        perTenThousand: buckets.characters[b] ? hundredths((occurrences[b]! * 10_000) / buckets.characters[b]!) : 0,
      })),
    };
  });
}
