/**
 * Citations of a report or one of its paragraphs: the plain form the page has always copied, the
 * national standard GB/T 7714-2015 for electronic resources, and records for reference managers
 * (RIS, CSL-JSON). Free of server-only imports: the copy buttons format in the browser, where the
 * date of citing is today's.
 */
import type { ParagraphDocument, ReportInfo } from '../backend/types';
import { paragraphPath, reportPath } from './links';

/** What a citation is made of. */
export interface CitationSource {
  /** The report's title. */
  title: string;
  /** Its publisher as the source names it, or null. */
  publisher: string | null;
  /** Its publication date, `YYYY-MM-DD`, or null. */
  date: string | null;
  /** The absolute URL cited: the paragraph's own page, or the report's. */
  url: string;
  /** The section heading of a cited paragraph (null before the first heading); absent for a report. */
  section?: string | null;
  /** The cited paragraph's 1-based position in the report; absent for a report. */
  ordinal?: number;
  /** The date of citing, `YYYY-MM-DD`. */
  citedOn: string;
}

/** Today as `YYYY-MM-DD`, in the citer's own time zone. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The plain form: 《标题》, 章节, 第N段, URL. */
export function plainCitation(c: CitationSource): string {
  const parts = [`《${c.title}》`];
  if (c.ordinal !== undefined) parts.push(c.section ?? '导语', `第${c.ordinal}段`);
  parts.push(c.url);
  return parts.join(', ');
}

/**
 * GB/T 7714-2015, electronic resource (EB/OL): 题名[EB/OL]. 发布者, 发布日期[引用日期]. URL.
 * A missing publisher or date is left out with its separator, as the standard's examples do.
 */
export function gbt7714Citation(c: CitationSource): string {
  const published = [c.publisher, c.date].filter(Boolean).join(', ');
  return `${c.title}[EB/OL]. ${published}[${c.citedOn}]. ${c.url}.`;
}

/** RIS, which EndNote, Zotero and NoteExpress import: an electronic source, CRLF line ends. */
export function risCitation(c: CitationSource): string {
  const slash = (d: string) => d.replaceAll('-', '/');
  const lines = [
    ['TY', 'ELEC'],
    ['TI', c.title],
    ...(c.ordinal !== undefined
      ? [
          ['T2', c.section ?? '导语'],
          ['N1', `第${c.ordinal}段`],
        ]
      : []),
    ...(c.publisher ? [['PB', c.publisher]] : []),
    ...(c.date
      ? [
          ['PY', c.date.slice(0, 4)],
          ['DA', slash(c.date)],
        ]
      : []),
    ['UR', c.url],
    ['Y2', slash(c.citedOn)],
    ['LA', 'zh'],
    ['ER', ''],
  ];
  return lines.map(([tag, value]) => `${tag}  - ${value}`.trimEnd()).join('\r\n') + '\r\n';
}

/** CSL-JSON (Zotero, Mendeley, pandoc): one webpage item. */
export function cslJsonCitation(c: CitationSource, id: string): string {
  const parts = (d: string) => ({ 'date-parts': [d.split('-').map(Number)] });
  const item = {
    id,
    type: 'webpage',
    title: c.title,
    ...(c.ordinal !== undefined ? { section: c.section ?? '导语', note: `第${c.ordinal}段` } : {}),
    ...(c.publisher ? { publisher: c.publisher } : {}),
    ...(c.date ? { issued: parts(c.date) } : {}),
    accessed: parts(c.citedOn),
    URL: c.url,
    language: 'zh-CN',
  };
  return JSON.stringify([item], null, 2);
}

/** The citation source of a report, or of one of its paragraphs, at the site `origin`. */
export function citationSource(
  origin: string,
  found: { report: ReportInfo; paragraph?: ParagraphDocument['paragraph'] },
  citedOn: string,
): CitationSource {
  const { report, paragraph } = found;
  const base = { title: report.title, publisher: report.source, date: report.date, citedOn };
  if (!paragraph) return { ...base, url: origin + reportPath(report.id) };
  return {
    ...base,
    url: origin + paragraphPath(report.id, paragraph.id),
    section: paragraph.section,
    ordinal: paragraph.ordinal,
  };
}
