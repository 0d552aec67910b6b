/** Counting matches by report and by section, and narrowing matches to one of them and to the reports' fields. */
import type { Facets, SearchIndex } from '../index/model';
import { EMPTY, slice, type Scratch } from '../index/postings';
import { filtering, NO_FILTERS, type CollectionFilters } from '../api/params';
import { filterReports } from './collection';
import { smallestKeys } from './topk';

/** Facets list at most this many reports and sections, the ones with most matches. */
export const MAX_FACETS = 20;

/** A search's filters: a report id and a section heading (or null for all), and the reports' fields. */
export type Filters = CollectionFilters;

export { filtering, NO_FILTERS };

/**
 * Matches per report and per headed section: the MAX_FACETS largest of each, in reading order.
 * Paragraphs are stored report by report and section by section, so over sorted ids each report's
 * (and section's) matches are one run: counting is a single pass with no table per report.
 */
export function countFacets(index: SearchIndex, ids: Uint32Array, scratch: Scratch): Facets {
  const { report: reportOf, section: sectionOf } = index.paragraphs.columns;
  // Runs in typed arrays: pushing a hundred thousand counts onto JavaScript arrays was most of a common query.
  const reports = scratch.take(ids.length);
  const reportCounts = scratch.take(ids.length);
  const sectionReports = scratch.take(ids.length);
  const sections = scratch.take(ids.length);
  const sectionCounts = scratch.take(ids.length);
  let nr = 0;
  let ns = 0;
  const headed = index.paragraphs.hasSections;
  for (let i = 0; i < ids.length; i++) {
    const report = reportOf[ids[i]!]!;
    if (nr > 0 && reports[nr - 1] === report) reportCounts[nr - 1]!++;
    else {
      reports[nr] = report;
      reportCounts[nr++] = 1;
    }
    if (!headed) continue;
    const section = sectionOf[ids[i]!]!;
    if (section < 0) continue;
    if (ns > 0 && sectionReports[ns - 1] === report && sections[ns - 1] === section) sectionCounts[ns - 1]!++;
    else {
      sectionReports[ns] = report;
      sections[ns] = section;
      sectionCounts[ns++] = 1;
    }
  }
  // The largest counts, ties in reading order, shown in reading order.
  const largest = (counts: Uint32Array, n: number) => {
    let max = 0;
    for (let i = 0; i < n; i++) if (counts[i]! > max) max = counts[i]!;
    const keys = scratch.take(n);
    for (let i = 0; i < n; i++) keys[i] = max - counts[i]!;
    return Array.from(smallestKeys(keys, MAX_FACETS, max + 1, scratch));
  };
  return {
    reports: largest(reportCounts, nr).map((k) => {
      const r = index.reports.get(reports[k]!);
      return { id: r.id, title: r.title, count: reportCounts[k]! };
    }),
    sections: largest(sectionCounts, ns).map((k) => {
      const r = index.reports.get(sectionReports[k]!);
      return { report: r.id, section: r.sections[sections[k]!] ?? '', count: sectionCounts[k]! };
    }),
  };
}

/** The ids (sorted) in the filtered report, under the filtered section heading and in the filtered reports' fields. */
export function applyFilters(index: SearchIndex, ids: Uint32Array, filters: Filters): Uint32Array {
  return filterReports(index, applyPlaceFilters(index, ids, filters), filters);
}

/** The ids (sorted) in the filtered report and under the filtered section heading. */
export function applyPlaceFilters(index: SearchIndex, ids: Uint32Array, filters: Filters): Uint32Array {
  let out = ids;
  if (filters.report !== null) {
    const report = index.reports.indexOf(filters.report);
    if (report < 0) return EMPTY;
    out = slice(out, index.reports.bounds[report]!, index.reports.bounds[report + 1]!);
  }
  if (filters.section !== null) {
    const { report: reportOf, section: sectionOf } = index.paragraphs.columns;
    const titles = new Map<number, string[]>();
    out = out.filter((id) => {
      const section = sectionOf[id]!;
      if (section < 0) return false;
      const report = reportOf[id]!;
      let headings = titles.get(report);
      if (!headings) titles.set(report, (headings = index.reports.get(report).sections));
      return headings[section] === filters.section;
    });
  }
  return out;
}
