/**
 * Text PDFs, through pdf.js: the text comes as positioned runs, and the layout has to be read back
 * into the report — runs into lines, lines into paragraphs (a paragraph wraps over lines and pages;
 * a new one is indented, or follows a line that stops short), running headers, footers and page
 * numbers dropped, the title (the largest type on the first page, over one line or two) joined, and
 * headings told by their larger type or by standing alone centred.
 */
import { clean, ImportError, isFurniture, looksLikeHeading, readPublicationLine, type Block, type Draft } from './draft';

/** One line of a page as laid out. */
interface Line {
  text: string;
  page: number;
  /** Left edge, right edge and baseline, in PDF units. */
  x: number;
  right: number;
  y: number;
  /** Type size. */
  size: number;
  pageWidth: number;
  pageHeight: number;
}

/** A run of text as pdf.js gives it. */
interface Run {
  str: string;
  transform: number[];
  width: number;
}

/** Page numbers as reports print them: 第 1 页, 第1页 共3页, - 2 -, 2 / 10, 2. */
const PAGE_NUMBER = /^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–]\s*\d+\s*[-—–]|\d+\s*\/\s*\d+|\d+|page\s*\d+(?:\s*of\s*\d+)?)$/iu;
/** Running headers and footers live in this share of the page's height at its top and bottom. */
const MARGIN_SHARE = 0.1;
/** A line whose left edge is this many type sizes right of the margin is indented. */
const INDENT_SIZES = 1.2;
/** A line that stops this many type sizes before the right margin ends its paragraph. */
const SHORT_LINE_SIZES = 1.5;
/** Type this much larger than the body's is a heading's (or the title's). */
const HEADING_SCALE = 1.1;

/**
 * Characters that CJK fonts' Unicode maps give for common ideographs and dashes: Kangxi radicals
 * (⼀ ⼭ for 一 山), which NFKC maps back; CJK radical supplement forms that are whole simplified
 * characters (⺠ for 民), which it does not, so they are listed here from Unicode's
 * EquivalentUnifiedIdeograph data; and the two- and three-em dashes a font draws for —— and ———.
 */
const FONT_LOOKALIKES = /[\u2e80-\u2fdf\u2e3a\u2e3b]/gu;
const SUPPLEMENT: Record<string, string> = {
  '⺟': '母', '⺠': '民', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门',
  '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻢': '马', '⻣': '骨', '⻤': '鬼',
  '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙',
  '⻳': '龟', '\u2e3a': '——', '\u2e3b': '———',
};

/** Text as published, not as the font's Unicode map spells it. */
function unlookalike(text: string): string {
  return text.replace(FONT_LOOKALIKES, (c) => SUPPLEMENT[c] ?? c.normalize('NFKC'));
}

/** Reads a PDF's text. */
export async function readPdf(bytes: Buffer): Promise<Draft> {
  const lines = await pdfLines(bytes);
  if (lines.length === 0) throw new ImportError('the PDF has no text (a scanned PDF needs OCR first)');
  const body = dropRunningLines(lines);
  const bodySize = mostCommon(body.map((l) => Math.round(l.size * 10) / 10));
  const { title, rest } = takeTitle(body, bodySize);
  return toDraft(title, rest, bodySize);
}

async function pdfLines(bytes: Buffer): Promise<Line[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document;
  try {
    document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') throw new ImportError('the PDF is encrypted (it asks for a password)');
    throw new ImportError(`not a readable PDF, or cut short (${(err as Error).message})`);
  }
  const lines: Line[] = [];
  try {
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const [, , width = 0, height = 0] = page.view;
      const content = await page.getTextContent();
      const runs = (content.items as Run[]).filter((r) => typeof r.str === 'string' && r.str.trim().length > 0);
      lines.push(...groupLines(runs, n, width, height));
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`not a readable PDF, or cut short (${(err as Error).message})`);
  } finally {
    await document.destroy();
  }
  return lines;
}

/** Runs on one baseline (within half a type size) make a line, read left to right. */
function groupLines(runs: Run[], page: number, pageWidth: number, pageHeight: number): Line[] {
  const placed = runs
    .map((r) => ({ str: r.str, x: r.transform[4]!, y: r.transform[5]!, size: Math.hypot(r.transform[2]!, r.transform[3]!), width: r.width }))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let current: (typeof placed)[number][] = [];
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
    lines.push({
      text: clean(unlookalike(text)), page, x: first.x, right: end, y: first.y,
      size: Math.max(...current.map((r) => r.size)), pageWidth, pageHeight,
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
  return texts.reduce((out, t) => (/[A-Za-z0-9,.;:]$/.test(out) && /^[A-Za-z0-9]/.test(t) ? `${out} ${t}` : out + t), '');
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/** Body lines into blocks: headings by type size or centring, paragraphs by indentation and short lines. */
function toDraft(title: string, lines: Line[], bodySize: number): Draft {
  const body = lines.filter((l) => l.size < bodySize * HEADING_SCALE);
  const margin = mostCommon(body.map((l) => Math.round(l.x)));
  const rightMargin = Math.max(...body.map((l) => l.right));
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
  for (const line of lines) {
    const publication = blocks.length === 0 && paragraph.length === 0 ? readPublicationLine(line.text) : null;
    if (publication) {
      date ??= publication.date;
      source ??= publication.source;
      continue;
    }
    if (isFurniture(line.text)) continue;
    const larger = line.size >= bodySize * HEADING_SCALE;
    const centred = Math.abs((line.x + line.right) / 2 - line.pageWidth / 2) < bodySize && line.x > margin + bodySize * INDENT_SIZES * 2;
    if ((larger || (centred && !open)) && looksLikeHeading(line.text)) {
      flush();
      blocks.push({ kind: 'heading', text: line.text });
      continue;
    }
    const indented = line.x > margin + bodySize * INDENT_SIZES;
    if (indented || !open) flush();
    paragraph.push(line.text);
    open = line.right > rightMargin - bodySize * SHORT_LINE_SIZES;
  }
  flush();
  return { title, date, source, blocks };
}
