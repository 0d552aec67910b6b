/**
 * The embedded index's reports as the seam gives them: one with its paragraphs (a query marked in
 * them), one paragraph, a paragraph's near copies, slices of the list, reports found by title, and
 * the same kind of report a year earlier.
 */
import { NotFoundError } from '../../api/errors';
import { titleYear } from '../../content/fields';
import { headingOf, type SearchIndex } from '../../index/model';
import type { Scratch } from '../../index/postings';
import { SIMILARITY_THRESHOLD, similarParagraphs } from '../../compare/similar';
import { readDistinctive } from '../../indexer/distinctive';
import { expandedTerms } from '../../query/execute';
import { parseQuery, type QueryTerm } from '../../query/parse';
import { highlightRanges } from '../../query/spans';
import { reportTexts } from '../../query/tree';
import { seriesKey } from '../../query/collection';
import { normalize } from '../../text/normalize';
import type {
  ParagraphAt,
  ParagraphDocument,
  ReportDocument,
  ReportInfo,
  ReportSummary,
  SimilarAnswer,
} from '../types';
import { hitReport } from './search';

/** Report `at` as its page describes it. */
export function reportInfo(index: SearchIndex, at: number): ReportInfo {
  const report = index.reports.get(at);
  return { ...hitReport(report), ocr: report.ocr };
}

/** The query's positive terms, expanded; none when the query is refused (a report page marks nothing then). */
function markedTerms(index: SearchIndex, query: string, scratch: Scratch): QueryTerm[] {
  try {
    return expandedTerms(index, parseQuery(query), scratch).filter((t) => t.kind !== 'exclude');
  } catch {
    return [];
  }
}

/** Report `id` with its paragraphs, `query` marked in them; null when there is no such report. */
export function reportDocument(
  index: SearchIndex,
  id: string,
  query: string | undefined,
  scratch: Scratch,
): ReportDocument | null {
  const at = index.reports.indexOf(id);
  if (at < 0) return null;
  const report = index.reports.get(at);
  const terms = query ? markedTerms(index, query, scratch) : [];
  return {
    report: reportInfo(index, at),
    paragraphs: index.paragraphs.range(report.first, report.count).map((p) => ({
      id: p.id,
      ordinal: p.ordinal,
      section: headingOf(report, p),
      text: p.text,
      norm: p.norm,
      highlights: terms.length ? highlightRanges(p.text, p.norm, terms) : [],
    })),
    distinctive: readDistinctive(index.distinctive, at),
  };
}

/** Position of paragraph `paragraphId` of report `reportId` in the index, or -1 when either is not there. */
function paragraphIndex(index: SearchIndex, reportId: string, paragraphId: string): number {
  const at = index.reports.indexOf(reportId);
  if (at < 0) return -1;
  const report = index.reports.get(at);
  return index.paragraphs.indexIn(paragraphId, report.first, report.count);
}

/** One paragraph and its report, or null. */
export function paragraphDocument(index: SearchIndex, reportId: string, paragraphId: string): ParagraphDocument | null {
  const i = paragraphIndex(index, reportId, paragraphId);
  if (i < 0) return null;
  const p = index.paragraphs.get(i);
  const report = index.reports.get(p.report);
  return {
    report: reportInfo(index, p.report),
    paragraph: { id: p.id, ordinal: p.ordinal, section: headingOf(report, p), text: p.text },
  };
}

/** The paragraph at `i` as a similar-paragraphs answer names it. */
function paragraphAt(index: SearchIndex, i: number): ParagraphAt {
  const p = index.paragraphs.get(i);
  const report = index.reports.get(p.report);
  return { report: hitReport(report), id: p.id, ordinal: p.ordinal, section: headingOf(report, p), text: p.text };
}

/** The paragraphs of other reports at least SIMILARITY_THRESHOLD alike to the one named, most alike first. */
export function similarTo(
  index: SearchIndex,
  reportId: string,
  paragraphId: string,
  limit: number,
  scratch: Scratch,
): SimilarAnswer {
  if (index.reports.indexOf(reportId) < 0) throw new NotFoundError(`no report has the id "${reportId}" (report)`);
  const at = paragraphIndex(index, reportId, paragraphId);
  if (at < 0) throw new NotFoundError(`report "${reportId}" has no paragraph "${paragraphId}"`);
  return {
    paragraph: paragraphAt(index, at),
    threshold: SIMILARITY_THRESHOLD,
    hits: similarParagraphs(index, at, limit, scratch).map((s) => ({
      ...paragraphAt(index, s.id),
      similarity: s.similarity,
    })),
  };
}

/** Report `i` as a list names it. */
function summary(index: SearchIndex, i: number): ReportSummary {
  const r = index.reports.get(i);
  return { id: r.id, title: r.title, date: r.date, paragraphs: r.count };
}

/** Each index's reports newest first (undated last, ties in content order), worked out once. */
const newestOrders = new WeakMap<SearchIndex, Int32Array>();

function newestOrder(index: SearchIndex): Int32Array {
  let sorted = newestOrders.get(index);
  if (!sorted) {
    const { reports } = index;
    const dates = Array.from({ length: reports.count }, (_, i) => reports.get(i).date ?? '');
    sorted = Int32Array.from({ length: reports.count }, (_, i) => i).sort((a, b) =>
      dates[b]! > dates[a]! ? 1 : dates[b]! < dates[a]! ? -1 : a - b,
    );
    newestOrders.set(index, sorted);
  }
  return sorted;
}

/** Reports `offset` to `offset + limit` of the list, newest first or in content order. */
export function reportSlice(
  index: SearchIndex,
  order: 'newest' | 'content',
  offset: number,
  limit: number,
): ReportSummary[] {
  const end = Math.min(offset + limit, index.reports.count);
  const start = Math.min(offset, end);
  if (order === 'content') return Array.from({ length: end - start }, (_, k) => summary(index, start + k));
  return Array.from(newestOrder(index).subarray(start, end), (i) => summary(index, i));
}

/** Reports whose title contains `text` (normalised, so 報告 finds 报告), at most `limit`, in content order. */
export function reportsTitled(index: SearchIndex, text: string, limit: number): ReportSummary[] {
  const needle = normalize(text.trim());
  if (!needle) return [];
  // The titles normalised once per index, as title: searches them.
  const { titles } = reportTexts(index);
  const out: ReportSummary[] = [];
  for (let i = 0; i < titles.length && out.length < limit; i++)
    if (titles[i]!.includes(needle)) out.push(summary(index, i));
  return out;
}

/** Each index's reports by kind key, with their years, worked out once. */
const kinds = new WeakMap<SearchIndex, Map<string, { report: number; year: number }[]>>();

function byKind(index: SearchIndex) {
  let map = kinds.get(index);
  if (!map) {
    map = new Map();
    for (let i = 0; i < index.reports.count; i++) {
      const { title } = index.reports.get(i);
      const key = seriesKey(title);
      const year = titleYear(title);
      if (key === null || year === null) continue;
      const same = map.get(key);
      if (same) same.push({ report: i, year });
      else map.set(key, [{ report: i, year }]);
    }
    kinds.set(index, map);
  }
  return map;
}

/**
 * The same kind of report one year earlier (its title with the year one less: 青溪县2023年政府工作报告
 * → 青溪县2022年政府工作报告), or the latest earlier one; null when there is none or no such report.
 */
export function earlierReport(index: SearchIndex, reportId: string): ReportSummary | null {
  const at = index.reports.indexOf(reportId);
  if (at < 0) return null;
  const { title } = index.reports.get(at);
  const key = seriesKey(title);
  const year = titleYear(title);
  if (key === null || year === null) return null;
  const earlier = (byKind(index).get(key) ?? [])
    .filter((r) => r.year < year)
    .sort((x, y) => y.year - x.year || x.report - y.report)[0];
  return earlier ? summary(index, earlier.report) : null;
}
