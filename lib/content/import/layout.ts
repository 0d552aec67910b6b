/**
 * A PDF's lines read back into a report, whether pdf.js gave them as text runs or OCR read them
 * from a scan: runs into lines, lines into paragraphs (a paragraph wraps over lines and pages; a new
 * one is indented, or follows a line that stops short of the margin by more than the next line's
 * first unbreakable cluster), running headers, footers and page numbers dropped, the title (the
 * largest type on the first page, over one line or two) joined, the date line under it read, and
 * headings told by larger type, or by standing alone bold, numbered (一、 （一）) or centred.
 */
import {
  clean,
  HEADING_NUMBER,
  isFurniture,
  looksLikeHeading,
  readDateLine,
  readPublicationLine,
  takeDateLine,
  type Block,
  type Draft,
} from './draft';

/** One line of a page as laid out. */
export interface Line {
  text: string;
  page: number;
  /** Left edge, right edge and baseline, in PDF units. */
  x: number;
  right: number;
  y: number;
  /** Type size. */
  size: number;
  /** Whether (nearly) all of it is set in a bold face. */
  bold: boolean;
  pageWidth: number;
  pageHeight: number;
}

/** A run of text placed on the page (by pdf.js, or by OCR), and whether its face is bold. */
export interface Placed {
  str: string;
  x: number;
  y: number;
  size: number;
  width: number;
  bold: boolean;
}

/** A line is bold when this share of its characters is. */
const BOLD_SHARE = 0.9;
/** Page numbers as reports print them: 第 1 页, 第1页 共3页, - 2 -, 2 / 10, 2. */
const PAGE_NUMBER =
  /^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–]\s*\d+\s*[-—–]|\d+\s*\/\s*\d+|\d+|page\s*\d+(?:\s*of\s*\d+)?)$/iu;
/** Running headers and footers live in this share of the page's height at its top and bottom. */
const MARGIN_SHARE = 0.1;
/** A line whose left edge is this many type sizes right of the margin is indented. */
const INDENT_SIZES = 1.2;
/** A line that stops this many type sizes before the right margin ends its paragraph. */
const SHORT_LINE_SIZES = 1.5;
/** Slack, in type sizes, when a short line is measured against the cluster that did not fit. */
const CLUSTER_SLACK = 0.5;
/** Type this much larger than the body's is a heading's (or the title's). */
const HEADING_SCALE = 1.1;

/** The report in a PDF's lines (of every page, in order). */
export function linesToDraft(lines: Line[]): Draft {
  const body = dropRunningLines(lines);
  const bodySize = mostCommon(body.map((l) => Math.round(l.size * 10) / 10));
  const { title, rest } = takeTitle(body, bodySize);
  return toDraft(title, rest, bodySize);
}

/** Placed runs (sorted top to bottom, then left to right) into lines. */
export function placedLines(placed: Placed[], page: number, pageWidth: number, pageHeight: number): Line[] {
  const lines: Line[] = [];
  let current: Placed[] = [];
  const flush = () => {
    if (current.length === 0) return;
    current.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const r of current) {
      // A gap wider than a third of the type is a space the PDF left out (Latin words wrap at spaces).
      if (text && r.x - end > r.size / 3 && !text.endsWith(' ')) text += ' ';
      text += r.str;
      end = r.x + r.width;
    }
    const first = current[0]!;
    const boldLength = current.reduce((n, r) => n + (r.bold ? r.str.length : 0), 0);
    lines.push({
      text: clean(text),
      page,
      x: first.x,
      right: end,
      y: first.y,
      size: Math.max(...current.map((r) => r.size)),
      bold: boldLength >= BOLD_SHARE * current.reduce((n, r) => n + r.str.length, 0),
      pageWidth,
      pageHeight,
    });
    current = [];
  };
  for (const r of placed) {
    if (current.length && Math.abs(current[0]!.y - r.y) > current[0]!.size / 2) flush();
    current.push(r);
  }
  flush();
  return lines.filter((l) => l.text.length > 0);
}

/**
 * Without page numbers and running headers and footers: a line in the page's top or bottom margin
 * that is a page number, or whose text (digits aside) comes back on most pages.
 */
function dropRunningLines(lines: Line[]): Line[] {
  const pages = new Set(lines.map((l) => l.page)).size;
  const inMargin = (l: Line) => l.y > l.pageHeight * (1 - MARGIN_SHARE) || l.y < l.pageHeight * MARGIN_SHARE;
  const shape = (l: Line) => l.text.replace(/\d+/g, '#');
  const seen = new Map<string, Set<number>>();
  for (const l of lines.filter(inMargin)) seen.set(shape(l), (seen.get(shape(l)) ?? new Set()).add(l.page));
  const running = (l: Line) => pages > 1 && (seen.get(shape(l))?.size ?? 0) > pages / 2;
  return lines.filter((l) => !(PAGE_NUMBER.test(l.text) || (inMargin(l) && running(l))));
}

/** The title: the lines of the largest type at the top of the first page (one, or two when it wraps). */
function takeTitle(lines: Line[], bodySize: number): { title: string; rest: Line[] } {
  const first = lines.filter((l) => l.page === lines[0]!.page);
  const largest = Math.max(...first.map((l) => l.size));
  if (largest < bodySize * HEADING_SCALE) return { title: lines[0]!.text, rest: lines.slice(1) };
  let n = 0;
  while (n < lines.length && lines[n]!.page === lines[0]!.page && lines[n]!.size >= largest * 0.95) n++;
  return { title: joinLines(lines.slice(0, n).map((l) => l.text)), rest: lines.slice(n) };
}

/** Lines of one paragraph joined: no separator in Chinese, a space between Latin words. */
function joinLines(texts: string[]): string {
  return texts.reduce(
    (out, t) => (/[A-Za-z0-9,.;:]$/.test(out) && /^[A-Za-z0-9]/.test(t) ? `${out} ${t}` : out + t),
    '',
  );
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/** Characters that may not end a line (opening brackets and quotes): a line breaks before them. */
const NO_END = '《“（「『【〈‘([{';
/** Characters that may not start a line (closing marks, sentence punctuation): the character before them moves down with them. */
const NO_START = '》”）」』】〉’)]}，。、；：？！,.;:?!…—·%';

/**
 * Characters of the text's first unbreakable cluster: its opening marks, its first character (a
 * Latin word or number whole) and the closing marks after it — what a line that stopped short of
 * the margin could not fit, under the rules of Chinese line breaking.
 */
export function firstCluster(text: string): number {
  const chars = Array.from(text);
  let n = 0;
  while (n < chars.length && NO_END.includes(chars[n]!)) n++;
  if (n < chars.length && /[A-Za-z0-9]/.test(chars[n]!))
    while (n < chars.length && /[A-Za-z0-9.,%-]/.test(chars[n]!)) n++;
  else n++;
  while (n < chars.length && NO_START.includes(chars[n]!)) n++;
  return Math.min(n, chars.length);
}

/**
 * Consecutive centred lines of one type size and weight as one line: a centred block (a date line
 * with its occasion, a long heading) wraps as centred lines, and is one block.
 */
function joinCentred(lines: Line[], centred: (l: Line) => boolean): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (
      last &&
      centred(last) &&
      centred(line) &&
      last.page === line.page &&
      last.size === line.size &&
      last.bold === line.bold
    )
      out[out.length - 1] = {
        ...last,
        text: joinLines([last.text, line.text]),
        x: Math.min(last.x, line.x),
        right: Math.max(last.right, line.right),
        y: line.y,
      };
    else out.push(line);
  }
  return out;
}

/** Body lines into blocks: headings by type size, weight, numbering or centring; paragraphs by indentation and line ends. */
function toDraft(title: string, bodyLines: Line[], bodySize: number): Draft {
  let lines = bodyLines;
  const body = lines.filter((l) => l.size < bodySize * HEADING_SCALE);
  const margin = mostCommon(body.map((l) => Math.round(l.x)));
  const rightMargin = Math.max(...body.map((l) => l.right));
  const indented = (l: Line) => l.x > margin + bodySize * INDENT_SIZES;
  const centred = (l: Line) =>
    Math.abs((l.x + l.right) / 2 - l.pageWidth / 2) < bodySize && l.x > margin + bodySize * INDENT_SIZES * 2;
  lines = joinCentred(lines, centred);
  // A date line under the title wraps when it names the occasion (——2024年3月5日在…第三 / 次会议上).
  const wrapped = [1, 2, 3].find(
    (k) => k <= lines.length && readDateLine(joinLines(lines.slice(0, k).map((l) => l.text))),
  );
  let dateLine: string | null = null;
  if (wrapped) {
    dateLine = readDateLine(joinLines(lines.slice(0, wrapped).map((l) => l.text)));
    lines = lines.slice(wrapped);
  }
  /**
   * Whether a line ends its paragraph: it stops short of the margin by more than the next line's
   * first cluster would have taken (a line ends early before 《 or before a character that may
   * not start a line, and that is no paragraph end), or the next line is indented.
   */
  const endsParagraph = (line: Line, next: Line | undefined) => {
    if (!next || indented(next)) return true;
    const gap = rightMargin - line.right;
    if (gap < bodySize * SHORT_LINE_SIZES) return false;
    const charWidth = (next.right - next.x) / Math.max(1, Array.from(next.text).length);
    return gap > charWidth * firstCluster(next.text) + bodySize * CLUSTER_SLACK;
  };
  let date: string | null = null;
  let source: string | null = null;
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let open = false; // the last line did not end its paragraph
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: joinLines(paragraph) });
    paragraph = [];
    open = false;
  };
  lines.forEach((line, i) => {
    const publication = blocks.length === 0 && paragraph.length === 0 ? readPublicationLine(line.text) : null;
    if (publication) {
      date ??= publication.date;
      source ??= publication.source;
      return;
    }
    if (isFurniture(line.text)) return;
    const ends = endsParagraph(line, lines[i + 1]);
    const larger = line.size >= bodySize * HEADING_SCALE;
    // A line on its own (not continuing a paragraph, ending its own) set bold, centred or numbered.
    const alone = !open && (ends || centred(line));
    if (
      (larger || (alone && (line.bold || centred(line) || HEADING_NUMBER.test(line.text)))) &&
      looksLikeHeading(line.text)
    ) {
      flush();
      blocks.push({ kind: 'heading', text: line.text });
      return;
    }
    if (indented(line) || !open) flush();
    paragraph.push(line.text);
    open = !ends;
  });
  flush();
  return takeDateLine({ title, date: dateLine ?? date, source, blocks });
}
