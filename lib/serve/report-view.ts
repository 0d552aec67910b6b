import type { ReportRecord, SearchIndex } from '../index/model';
import { Scratch } from '../index/postings';
import { expandedTerms } from '../query/execute';
import { parseQuery } from '../query/parse';
import { highlightRanges } from '../query/spans';
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
    const title = p.section >= 0 ? (report.sections[p.section] ?? null) : null;
    let section = sections[sections.length - 1];
    if (!section || section.title !== title) {
      section = { title, anchor: `s-${sections.length + 1}`, paragraphs: [] };
      sections.push(section);
    }
    const ranges = terms.length ? highlightRanges(p.text, p.norm, terms) : [];
    matchCount += ranges.length;
    section.paragraphs.push({ id: p.id, ordinal: p.ordinal, segments: toSegments(p.text, ranges) });
  }
  return { report, sections, matchCount };
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
