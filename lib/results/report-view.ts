/** A report laid out for reading: sections of paragraphs, the query's matches marked, and what to compare it with. */
import type { Segment } from '../api/search';
import type { ReportInfo, ReportSummary, Searcher } from '../backend/types';
import { toSegments } from './marks';

/** A report as its page shows it. */
export interface ReportView {
  report: ReportInfo;
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
  earlier: ReportSummary | null;
}

/** Report `id` with `query` marked in it; null when there is no such report. */
export async function reportView(searcher: Searcher, id: string, query?: string): Promise<ReportView | null> {
  const [document, earlier] = await Promise.all([searcher.report(id, query), searcher.earlier(id)]);
  if (!document) return null;
  const sections: ReportView['sections'] = [];
  let matchCount = 0;
  for (const p of document.paragraphs) {
    let section = sections[sections.length - 1];
    if (!section || section.title !== p.section) {
      section = { title: p.section, anchor: `s-${sections.length + 1}`, paragraphs: [] };
      sections.push(section);
    }
    matchCount += p.highlights.length;
    section.paragraphs.push({ id: p.id, ordinal: p.ordinal, segments: toSegments(p.text, p.highlights) });
  }
  return { report: document.report, sections, matchCount, distinctive: document.distinctive, earlier };
}
