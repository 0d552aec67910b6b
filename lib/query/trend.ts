/**
 * Trends: how often a query matches, bucket by bucket of the collection (by year, region, kind,
 * level, publisher or report): the paragraphs that hold it, its occurrences as the highlights mark
 * them, and occurrences per 10,000 characters of the bucket's text, so that a year with more
 * reports does not look like more interest. Counts are exact: they are the search's own matches.
 */
import type { TrendBucket, TrendBy, TrendSeries } from '../api/trend';
import { REPORT_FIELDS } from '../content/fields';
import type { SearchIndex } from '../index/model';
import type { Scratch } from '../index/postings';
import { reportRuns, reportTable, tableTest, type ReportTable } from './collection';
import { applyFilters, filtering, type Filters } from './facets';
import type { TermMatch } from './match';
import type { ParsedQuery, QueryNode, QueryTerm } from './parse';
import { isDirect, kindsOf } from './score';
import { Plan } from './plan';
import { highlightRanges } from './spans';

export type { TrendBucket, TrendBy, TrendSeries };

/** A trend's buckets: each key, the bucket of each report, their characters. */
export interface Buckets {
  keys: string[];
  /** Per report, its bucket, or -1 when it is in none (filtered out, or no value). */
  of: Int32Array;
  characters: Float64Array;
}

/** Each report's value for `by` as a code into `values` (-1: none): the report table's, or the report itself. */
function codedBy(ids: string[], table: ReportTable, by: TrendBy): { values: string[]; codes: Int32Array } {
  if (by === 'report') return { values: ids, codes: Int32Array.from(ids, (_, r) => r) };
  if (by === 'year') return table.coded.years;
  return table.coded[REPORT_FIELDS.find((f) => f.param === by)!.facet];
}

/** Buckets of the whole collection, by index and `by`: a trend without filters reuses them. */
const unfiltered = new WeakMap<SearchIndex, Map<TrendBy, Buckets>>();

/**
 * The buckets of the filtered collection: every key its reports have, in key order (years in
 * number order; reports oldest first, as a reader reads a series), and each bucket's characters.
 */
function bucketsOf(index: SearchIndex, by: TrendBy, filters: Filters, scratch: Scratch): Buckets {
  const plain = !filtering(filters);
  const cached = plain ? unfiltered.get(index)?.get(by) : undefined;
  if (cached) return cached;
  const ids = Array.from({ length: index.reports.count }, (_, r) => index.reports.ids.get(r));
  const buckets = tableBuckets(reportTable(index), ids, by, filters);
  if (filters.section !== null) buckets.characters = sectionCharacters(index, buckets, filters, scratch);
  if (plain) {
    if (!unfiltered.has(index)) unfiltered.set(index, new Map());
    unfiltered.get(index)!.set(by, buckets);
  }
  return buckets;
}

/**
 * bucketsOf from a report table and the reports' ids (an index's, or a cluster's catalogue), each
 * bucket's characters those of its reports (a section filter's are counted by the caller).
 */
export function tableBuckets(table: ReportTable, ids: string[], by: TrendBy, filters: Filters): Buckets {
  const { values, codes } = codedBy(ids, table, by);
  const test = tableTest(table, filters);
  const only = filters.report === null ? -1 : ids.indexOf(filters.report);
  const n = ids.length;
  // Per report: in the filtered collection, with a value.
  const inside = new Uint8Array(n);
  const kept = new Uint8Array(values.length);
  const characters = new Float64Array(values.length);
  for (let r = 0; r < n; r++) {
    const c = codes[r]!;
    if (c < 0 || (test && !test(r)) || (filters.report !== null && r !== only)) continue;
    inside[r] = 1;
    kept[c] = 1;
    characters[c]! += table.characters[r]!;
  }
  const order = Array.from({ length: values.length }, (_, c) => c).filter((c) => kept[c] === 1);
  if (by === 'year') order.sort((a, b) => Number(values[a]) - Number(values[b]));
  else if (by === 'report') order.sort((a, b) => table.oldest[a]! - table.oldest[b]!);
  else order.sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
  const bucketOfCode = new Int32Array(values.length).fill(-1);
  order.forEach((c, b) => (bucketOfCode[c] = b));
  const of = Int32Array.from(codes, (c, r) => (inside[r] === 1 ? bucketOfCode[c]! : -1));
  return { keys: order.map((c) => values[c]!), of, characters: Float64Array.from(order, (c) => characters[c]!) };
}

/** Under a section filter a bucket's text is that section's paragraphs: counted paragraph by paragraph. */
function sectionCharacters(index: SearchIndex, buckets: Buckets, filters: Filters, scratch: Scratch): Float64Array {
  const characters = new Float64Array(buckets.keys.length);
  const all = Uint32Array.from({ length: index.paragraphs.count }, (_, i) => i);
  const within = applyFilters(index, all, filters);
  const runs = reportRuns(index, within, scratch);
  let at = 0;
  for (let k = 0; k < runs.n; k++) {
    const bucket = buckets.of[runs.reports[k]!]!;
    for (let i = 0; i < runs.counts[k]!; i++, at++) {
      if (bucket >= 0) characters[bucket]! += [...index.paragraphs.norm(within[at]!)].length;
    }
  }
  return characters;
}

/** Whether some proper prefix of `text` is also its suffix: then its occurrences can overlap. */
function selfOverlaps(text: string): boolean {
  for (let k = 1; k < text.length; k++) if (text.endsWith(text.slice(0, k))) return true;
  return false;
}

/**
 * The query's one term when its occurrences are the count of its text as typed — one term, one
 * word or less, without expansions, that cannot overlap itself: every paragraph holds it as
 * typed — or null when the highlighter must count them.
 */
export function typedTerm(terms: QueryTerm[], tree: QueryNode | undefined): QueryTerm | null {
  const positive = terms.filter((t) => t.kind !== 'exclude');
  const [only] = positive;
  const typed =
    !tree &&
    positive.length === 1 &&
    only!.expansions.length === 0 &&
    only!.words.length <= 1 &&
    !selfOverlaps(only!.text);
  return typed ? only! : null;
}

/**
 * Occurrences of a query in each of `ids` as its highlights mark them. The common case — one term,
 * one word or less, without expansions, that cannot overlap itself: every paragraph holds it as
 * typed — counts its bytes in the stored texts (StringColumn.count); the rest asks the highlighter.
 */
function occurrencesIn(
  index: SearchIndex,
  ids: Uint32Array,
  terms: QueryTerm[],
  matches: TermMatch[],
  tree: QueryNode | undefined,
): Uint32Array {
  const typed = typedTerm(terms, tree);
  if (typed) return Uint32Array.from(ids, (id) => index.paragraphs.norms.count(id, matches[0]!.bytes));
  return Uint32Array.from(ids, (id) => {
    const norm = index.paragraphs.norm(id);
    return highlightRanges(norm, norm, terms, kindsOf(matches, id).map(isDirect), tree).length;
  });
}

/** Rounds to two decimals. */
export const hundredths = (x: number) => Math.round(x * 100) / 100;

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
    const plan = new Plan(index, parsed, scratch);
    const ids = plan.filtered(filters);
    const counts = occurrencesIn(index, ids, plan.terms, plan.matches, plan.tree);
    const paragraphs = new Float64Array(buckets.keys.length);
    const occurrences = new Float64Array(buckets.keys.length);
    const reportOf = index.paragraphs.columns.report;
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const n = counts[i]!;
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
