import { readDistinctive } from '../compare/distinctive';
import type { ReportRecord, SearchIndex } from '../index/model';
import { headingOf } from '../index/model';
import { Scratch } from '../index/postings';
import { expandedTerms } from '../query/execute';
import { parseQuery } from '../query/parse';
import { highlightRanges } from '../query/spans';
import type { CatalogEntry } from './catalog';
import { earlierReport } from './counterparts';
import { toSegments } from './segments';
import type { Segment } from './types';

/** A report laid out for reading: sections of paragraphs, each with the query's matches marked. */
export interface ReportView {
  report: ReportRecord;
  sections: {
    title: string | null;
    anchor: string;
    paragraphs: { id: string; ordinal: number; segments: Segment[] }[];
  }[];
  /** Number of marked spans in the whole report. */
  matchCount: number;
  /** Words it uses far more than the rest of the collection (stored by the build), best first. */
  distinctive: string[];
  /** The same kind of report one year earlier, to compare it with, or null. */
  earlier: CatalogEntry | null;
}

/** Looks a report up by id and marks `query` in it; null when there is no such report. */
export function reportView(index: SearchIndex, id: string, query?: string): ReportView | null {
  const at = index.reports.indexOf(id);
  if (at < 0) return null;
  const report = index.reports.get(at);
  let terms = query ? safeTerms(index, query) : [];
  terms = terms.filter((t) => t.kind !== 'exclude');
  const sections: ReportView['sections'] = [];
  let matchCount = 0;
  for (const p of index.paragraphs.range(report.first, report.count)) {
    const title = headingOf(report, p);
    let section = sections[sections.length - 1];
    if (!section || section.title !== title) {
      section = { title, anchor: `s-${sections.length + 1}`, paragraphs: [] };
      sections.push(section);
    }
    const ranges = terms.length ? highlightRanges(p.text, p.norm, terms) : [];
    matchCount += ranges.length;
    section.paragraphs.push({ id: p.id, ordinal: p.ordinal, segments: toSegments(p.text, ranges) });
  }
  return {
    report,
    sections,
    matchCount,
    distinctive: readDistinctive(index.distinctive, at),
    earlier: earlierReport(index, at),
  };
}

/** This thread's scratch for marking a query in a report (a page renders without yielding). */
const scratch = new Scratch();

function safeTerms(index: SearchIndex, query: string) {
  try {
    return expandedTerms(index, parseQuery(query), scratch);
  } catch {
    return [];
  }
}
