/** A report written in the content folder's Markdown form (see markdown.ts), for the importer. */
import type { ReportSource } from './types';

/** A front-matter value that reads back as itself: quoted only where the parser would unquote it. */
function frontMatterValue(value: string): string {
  if (!/^(["']).*\1$/.test(value)) return value;
  return value.startsWith('"') ? `'${value}'` : `"${value}"`;
}

/** A piece between line breaks without the spaces that touch a break. */
function trimAround(piece: string, i: number, count: number): string {
  if (i === 0) return piece.trimEnd();
  return i === count - 1 ? piece.trimStart() : piece.trim();
}

/**
 * Text on one line: each line break goes, with the spaces around it. Split and trimmed, not
 * the global regex `\s*\n\s*`: that retries at every space of a long run without a break, in time
 * quadratic in its length.
 */
export function joinLines(text: string): string {
  const pieces = text.split('\n');
  return pieces.length === 1 ? text : pieces.map((piece, i) => trimAround(piece, i, pieces.length)).join('');
}

/** One line of body text that reads back as itself: a leading `#` or `\` is escaped with `\`. */
function bodyLine(text: string): string {
  const line = joinLines(text);
  return /^[#\\]/.test(line) ? `\\${line}` : line;
}

/** The report as Markdown: front matter, then paragraphs separated by blank lines, `## ` headings opening sections. */
export function toMarkdown(report: ReportSource): string {
  const out = ['---', `title: ${frontMatterValue(report.title)}`];
  if (report.date) out.push(`date: ${report.date}`);
  if (report.source) out.push(`source: ${frontMatterValue(report.source)}`);
  if (report.ocr) out.push('ocr: true');
  for (const key of ['region', 'level', 'kind', 'year'] as const) if (report[key]) out.push(`${key}: ${report[key]}`);
  out.push('---', '');
  let section: string | null = null;
  for (const p of report.paragraphs) {
    if (p.section !== section && p.section !== null) out.push(`## ${p.section}`, '');
    section = p.section;
    out.push(bodyLine(p.text), '');
  }
  return out.join('\n');
}
