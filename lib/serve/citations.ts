/** Looking up what a citation of a report, or of one of its paragraphs, is made of. */
import type { SearchIndex } from '../index/model';
import { headingOf } from '../index/model';
import type { CitationSource } from './cite';
import { paragraphPath, reportPath } from './links';

/** The citation source for report `reportId` (and its paragraph `paragraphId`), or null when either is not there. */
export function citationSource(
  index: SearchIndex,
  origin: string,
  reportId: string,
  paragraphId: string | null,
  citedOn: string,
): CitationSource | null {
  const at = index.reports.indexOf(reportId);
  if (at < 0) return null;
  const report = index.reports.get(at);
  const base = { title: report.title, publisher: report.source, date: report.date, citedOn };
  if (paragraphId === null) return { ...base, url: origin + reportPath(report.id) };
  const i = index.paragraphs.indexIn(paragraphId, report.first, report.count);
  if (i < 0) return null;
  const p = index.paragraphs.get(i);
  return { ...base, url: origin + paragraphPath(report.id, p.id), section: headingOf(report, p), ordinal: p.ordinal };
}
