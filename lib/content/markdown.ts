import { ContentError, DATE_PATTERN, readMeta, reportIdFromFile, type ReportMeta } from './fields';
import type { ReportSource } from './types';

const KNOWN_KEYS = ['title', 'date', 'source', 'ocr', 'region', 'level', 'kind', 'year'];

/**
 * Parses a report in Markdown: front matter (`title`, optional `date`, `source`, `ocr: true` for
 * text read from a scan, and `region`, `level`, `kind`, `year`: fields.ts) between `---`
 * lines, `## ` headings opening sections, and paragraphs separated by blank lines. Paragraph text is
 * kept verbatim; lines of one paragraph are joined without a separator, as Chinese text wraps
 * without spaces.
 */
export function parseMarkdownReport(file: string, source: string): ReportSource {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const meta = parseFrontMatter(file, lines);
  const paragraphs: ReportSource['paragraphs'] = [];
  let section: string | null = null;
  let buffer: string[] = [];
  const flush = () => {
    const text = buffer.join('');
    if (text.length > 0) paragraphs.push({ text, section });
    buffer = [];
  };
  for (let i = meta.bodyStart; i < lines.length; i++) {
    const line = lines[i]!.trim(); // linear: a `\s+$` regex is quadratic in a long inner run of spaces
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const title = heading[2]!.trim();
      if (title.length === 0) throw new ContentError(file, i + 1, 'heading without text');
      section = title;
    } else if (line.length === 0) {
      flush();
    } else {
      // A backslash keeps a line that starts with # or \ from being read as markup.
      buffer.push(/^\\[#\\]/.test(line) ? line.slice(1) : line);
    }
  }
  flush();
  if (paragraphs.length === 0) throw new ContentError(file, lines.length, 'the report has no paragraphs');
  const report: ReportSource = {
    id: reportIdFromFile(file),
    title: meta.title,
    date: meta.date,
    source: meta.source,
    ...meta.meta,
    paragraphs,
  };
  return meta.ocr ? { ...report, ocr: true } : report;
}

interface FrontMatter {
  title: string;
  date: string | null;
  source: string | null;
  ocr: boolean;
  meta: ReportMeta;
  bodyStart: number;
}

function parseFrontMatter(file: string, lines: string[]): FrontMatter {
  if (lines[0]?.trim() !== '---') throw new ContentError(file, 1, 'expected front matter starting with "---"');
  const values = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '---') {
      const title = values.get('title');
      if (!title) throw new ContentError(file, i + 1, 'front matter has no title');
      const date = values.get('date') ?? null;
      if (date !== null && !DATE_PATTERN.test(date)) {
        throw new ContentError(file, i + 1, `date "${date}" is not YYYY-MM-DD`);
      }
      const ocr = values.get('ocr') ?? 'false';
      if (ocr !== 'true' && ocr !== 'false') throw new ContentError(file, i + 1, `ocr "${ocr}" is not true or false`);
      const meta = readMeta(Object.fromEntries(values));
      if (typeof meta === 'string') throw new ContentError(file, i + 1, meta);
      return { title, date, source: values.get('source') ?? null, ocr: ocr === 'true', meta, bodyStart: i + 1 };
    }
    if (line.length === 0 || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new ContentError(file, i + 1, `front matter line is not "key: value": ${line}`);
    const key = m[1]!.toLowerCase();
    if (!KNOWN_KEYS.includes(key))
      throw new ContentError(file, i + 1, `unknown front matter key "${key}" (expected ${KNOWN_KEYS.join(', ')})`);
    values.set(key, unquote(m[2]!.trim()));
  }
  throw new ContentError(file, lines.length, 'front matter is not closed with "---"');
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? m[2]! : value;
}
