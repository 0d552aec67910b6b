/** A search over the embedded index: the query run (query/execute.ts), its page made into hits with their marks. */
import type { HitReport, SearchRequest } from '../../api/search';
import { headingOf, reportYear, type Ranked, type ReportRecord, type SearchIndex } from '../../index/model';
import type { Scratch } from '../../index/postings';
import { execute } from '../../query/execute';
import { parseQuery, type QueryNode, type QueryTerm } from '../../query/parse';
import { describeTree } from '../../query/reading';
import { isDirect } from '../../query/score';
import { highlightRanges } from '../../query/spans';
import type { Hit, SearchAnswer } from '../types';

/** A report as a hit names it. */
export function hitReport(r: ReportRecord): HitReport {
  return {
    id: r.id,
    title: r.title,
    date: r.date,
    source: r.source,
    region: r.region,
    level: r.level,
    kind: r.kind,
    year: reportYear(r),
  };
}

/** What marking a query's matches in a paragraph needs: its terms (expanded) and its tree. */
export interface Marking {
  terms: QueryTerm[];
  tree?: QueryNode;
}

/** A hit's report, decoded: its record (for the section's heading) and as the hit names it. */
export interface HitOwner {
  record: ReportRecord;
  hit: HitReport;
}

export const ownerOf = (record: ReportRecord): HitOwner => ({ record, hit: hitReport(record) });

/**
 * The paragraph at `r.id` as a hit of a query, marked where it matched. Its report comes from
 * `owner` (by default decoded and kept, as a page's few hits want; an export passes its own).
 */
export function hitAt(
  index: SearchIndex,
  marking: Marking,
  r: Ranked,
  owner: (report: number) => HitOwner = (at) => ownerOf(index.reports.get(at)),
): Hit {
  const p = index.paragraphs.get(r.id);
  const { record, hit } = owner(p.report);
  return {
    id: p.id,
    report: hit,
    section: headingOf(record, p),
    ordinal: p.ordinal,
    text: p.text,
    highlights: highlightRanges(p.text, p.norm, marking.terms, r.kinds.map(isDirect), marking.tree),
    score: r.score,
    termMatches: r.kinds,
  };
}

/** Runs a search request and returns its page of hits (or reports); throws QueryError for refused queries. */
export function searchIndex(index: SearchIndex, request: SearchRequest, scratch: Scratch): SearchAnswer {
  const parsed = parseQuery(request.q);
  const { limit, offset } = request;
  const arrangement = { filters: request, sort: request.sort, group: request.group === 'report' };
  const ranking = execute(index, parsed, arrangement, offset + limit, scratch);
  const marking = { terms: ranking.terms, tree: parsed.tree };
  return {
    normalized: parsed.normalized,
    terms: ranking.terms,
    ...(describeTree(parsed) ?? {}),
    total: ranking.total,
    facets: ranking.facets,
    partial: ranking.partial,
    hits: ranking.ranked.slice(offset, offset + limit).map((r) => hitAt(index, marking, r)),
    ...(ranking.groups && {
      groupTotal: ranking.groupTotal!,
      groups: ranking.groups.slice(offset, offset + limit).map((g) => ({
        report: hitReport(index.reports.get(g.report)),
        count: g.count,
        hits: g.ranked.map((r) => hitAt(index, marking, r)),
      })),
    }),
  };
}
