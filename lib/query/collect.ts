/**
 * What a search collects from a plan's matches besides its page of hits: the counts by report,
 * section and report field (tantivy's count and facet collectors), and the matches grouped by
 * report, each report with its matches counted and its best few.
 */
import type { Facets, Ranked } from '../index/model';
import { countReportFacets, filterReports, reportRuns, type ReportFacets } from './collection';
import { applyPlaceFilters, countFacets, type Filters } from './facets';
import type { Order } from './order';
import type { Plan } from './plan';

/** Best hits a report's group shows. */
export const GROUP_HITS = 3;

/** A report among a grouped search's results: its matches counted, its best few. */
export interface ReportGroup {
  report: number;
  count: number;
  ranked: Ranked[];
}

/**
 * The facets of a plan's matches and the matches under every filter. Facets by report and section
 * count under the filters on the reports' fields; those by each report field under the filters on
 * every other field; none under the report and section filters.
 */
export function collectFacets(plan: Plan, filters: Filters): { facets: Facets & ReportFacets; ids: Uint32Array } {
  const { index, scratch } = plan;
  const matched = plan.matched.ids;
  const inFields = filterReports(index, matched, filters);
  const facets = { ...countFacets(index, inFields, scratch), ...countReportFacets(index, matched, filters, scratch) };
  return { facets, ids: applyPlaceFilters(index, inFields, filters) };
}

/**
 * The first `depth` reports with matches among `ids`, in `order`, each with its matches counted
 * and its first GROUP_HITS in that order; and how many reports have matches.
 */
export function collectGroups(
  plan: Plan,
  ids: Uint32Array,
  order: Order,
  depth: number,
): { groups: ReportGroup[]; total: number } {
  const runs = reportRuns(plan.index, ids, plan.scratch);
  const starts = new Uint32Array(runs.n + 1);
  for (let i = 0; i < runs.n; i++) starts[i + 1] = starts[i]! + runs.counts[i]!;
  const chosen = order.reports(plan, ids, runs, Math.min(depth, runs.n));
  const groups = chosen.map((run) => ({
    report: runs.reports[run]!,
    count: runs.counts[run]!,
    ranked: order.within(plan, ids.slice(starts[run], starts[run + 1]), GROUP_HITS),
  }));
  return { groups, total: runs.n };
}
