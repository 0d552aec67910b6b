/**
 * What every importer produces: a report's title, date and source, and its text as a sequence of
 * headings and paragraphs. Rules shared by the formats live here: which lines are the site's
 * furniture, which are headings, how a date is written.
 */
import type { ReportSource } from '../types';

/** One block of a report's body, in reading order. */
export interface Block {
  kind: 'heading' | 'paragraph';
  text: string;
}

/** A report as an importer read it, before it becomes content. */
export interface Draft {
  title: string;
  /** `YYYY-MM-DD`, or null when the file says no date. */
  date: string | null;
  source: string | null;
  blocks: Block[];
  /** Pages (1-based) whose text OCR read from a scan, and may be wrong; absent when none. */
  ocrPages?: number[];
}

/** A file the importer refuses; the message says why, for the file's line in the import's report. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Headings are short: a line longer than this is a paragraph, whatever it looks like. */
export const MAX_HEADING_LENGTH = 30;

/** Punctuation that ends or divides a sentence: a line holding any is prose, not a heading. */
const PROSE_PUNCTUATION = /[。，,；;：:！!？?…—“”"]/u;
/** How Chinese documents number their headings: 一、 （一） 1. 1、 第一章 第二部分. */
export const HEADING_NUMBER =
  /^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,2}[.、．]|第[一二三四五六七八九十百\d]+[章节部分篇])\s*/u;

/** Whether a line that stands alone reads as a section heading: short, no sentence punctuation. */
export function looksLikeHeading(line: string): boolean {
  const text = line.trim();
  const length = Array.from(text).length;
  if (length === 0 || length > MAX_HEADING_LENGTH) return false;
  const rest = text.replace(HEADING_NUMBER, '');
  return rest.length > 0 && !PROSE_PUNCTUATION.test(rest) && /\p{L}/u.test(rest);
}

/**
 * Lines that belong to the site, not the report: navigation, breadcrumbs, the font-size switch,
 * print and close links, previous/next links, sharing, copyright and ICP records, hit counters.
 */
const FURNITURE = [
  /^当前位置/u,
  /^您(?:现在)?的位置/u,
  /【\s*字体[:：]?/u,
  /^字[号体][:：]?\s*[【\[]?\s*大\s*中\s*小/u,
  /打印本页|关闭窗口|打印\s*\|?\s*关闭|【\s*打印\s*】|【\s*关闭\s*】/u,
  /^上一篇|^下一篇|^上一条|^下一条/u,
  /^分享到|^分享[:：]/u,
  /ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©/iu,
  /^返回首页|返回顶部/u,
  /^(?:主办|承办|技术支持)[:：]/u,
  /阅读次数|浏览次数|点击数|访问量/u,
];

/** Whether a line is the site's furniture (see FURNITURE). */
export function isFurniture(line: string): boolean {
  return FURNITURE.some((pattern) => pattern.test(line));
}

/**
 * A line without its indentation and trailing spaces: full-width ones (　), no-break spaces, ASCII.
 * String#trim removes exactly what `\s` matches, in linear time; a regex anchored at the end
 * (`\s+$`) retries at every space of a long inner run and takes time quadratic in its length.
 */
export function clean(line: string): string {
  return line.trim();
}

/**
 * A date as Chinese pages write it — 2023-01-01, 2023年1月1日, 2023/1/1, 2023.01.01 — as
 * `YYYY-MM-DD`, or null when `text` holds none or an impossible one.
 */
export function findDate(text: string): string | null {
  const m = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/u.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/**
 * A report's date line under its title, as reports print it: 2024-03-05, 2024年3月5日,
 * （2024年3月5日）, ——2024年3月5日在…第…次会议上 (dashes, brackets and the occasion optional).
 */
const DATE_LINE =
  /^[—–\-－~～]*\s*[（(]?\s*(\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}))\s*(?:在[^。！？!?]{1,60}上(?:的[^。！？!?]{1,12})?)?\s*[）)]?$/u;
/** A date line stands among this many blocks under the title, before the first section. */
const DATE_LINE_REACH = 3;

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A number up to 31 in Chinese numerals (五, 十二, 二十一, 三十). */
function chineseNumber(text: string): number {
  const [tens, units] = text.includes('十') ? text.split('十') : ['', text];
  return (text.includes('十') ? (tens ? DIGITS[tens]! : 1) * 10 : 0) + (units ? DIGITS[units]! : 0);
}

/** A date in Chinese numerals (二〇二四年三月五日) written in digits, as findDate reads dates. */
function arabicDate(text: string): string {
  return text.replace(
    /([〇零一二三四五六七八九]{4})年([一二三]?十?[一二三四五六七八九]?)月([一二三]?十?[一二三四五六七八九]?)日/gu,
    (whole, y: string, m: string, d: string) =>
      m && d ? `${Array.from(y, (c) => DIGITS[c]).join('')}年${chineseNumber(m)}月${chineseNumber(d)}日` : whole,
  );
}

/** The date a line gives when it is a report's date line (see DATE_LINE), else null. */
export function readDateLine(line: string): string | null {
  const m = DATE_LINE.exec(arabicDate(line.trim()));
  return m ? findDate(m[1]!) : null;
}

/**
 * The draft with its date line taken out of the body: the first date line among the blocks under
 * the title, before the first section heading, becomes the report's date (the day the report was
 * given, which a page's publication date only approximates) and is not a paragraph.
 */
export function takeDateLine(draft: Draft): Draft {
  for (let i = 0; i < Math.min(DATE_LINE_REACH, draft.blocks.length); i++) {
    const block = draft.blocks[i]!;
    const date = readDateLine(block.text);
    if (date) return { ...draft, date, blocks: draft.blocks.filter((_, k) => k !== i) };
    if (block.kind === 'heading') break;
  }
  return draft;
}

/** The publication line of a government page: 发布时间: 2023-01-01 … 来源:主站 … 阅读次数: 2579. */
const PUBLICATION_LINE = /(?:发布|发表|更新|成文)(?:时间|日期)[:：]/u;

/** The date and source a publication line gives, or null when `line` is not one. */
export function readPublicationLine(line: string): { date: string | null; source: string | null } | null {
  if (!PUBLICATION_LINE.test(line)) return null;
  const source = /来源[:：]\s*([^\s|｜【】]+?)(?=\s|阅读|浏览|点击|作者|【|$)/u.exec(line)?.[1] ?? null;
  return { date: findDate(line), source };
}

/** A draft as a report of the content folder, refusing one with no title or no paragraph. */
export function toReportSource(id: string, draft: Draft): ReportSource {
  if (!draft.title) throw new ImportError('no title found');
  const paragraphs: ReportSource['paragraphs'] = [];
  let section: string | null = null;
  for (const block of draft.blocks) {
    if (block.kind === 'heading') section = block.text;
    else paragraphs.push({ text: block.text, section });
  }
  if (paragraphs.length === 0) throw new ImportError('no paragraphs of text found');
  const report: ReportSource = { id, title: draft.title, date: draft.date, source: draft.source, paragraphs };
  return draft.ocrPages?.length ? { ...report, ocr: true } : report;
}
