/**
 * Saved web pages: the article and nothing else. A government page wraps its report in navigation,
 * breadcrumbs, a metadata line, the font-size switch, share and print links, previous/next links
 * and a footer; this finds the element holding the article's paragraphs (the one whose own
 * paragraphs hold the most text, as Readability does), reads its blocks in order, and drops what
 * is the site's. cheerio parses; iconv-lite decodes GB2312/GBK/GB18030 pages.
 */
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import iconv from 'iconv-lite';
import {
  clean,
  findDate,
  ImportError,
  isFurniture,
  looksLikeHeading,
  readPublicationLine,
  takeDateLine,
  type Block,
  type Draft,
} from './draft';

/** Bytes of the page searched for a declared charset: the <head> of any real page starts there. */
const CHARSET_SNIFF_BYTES = 4096;
/** Elements that never hold the article. */
const NEVER_ARTICLE = 'script, style, noscript, template, iframe, form, nav, header, footer, aside, select, button';
/** Class or id of the site's furniture. */
const FURNITURE_NAMES =
  /(^|[-_ ])(nav|menu|breadcrumbs?|crumbs?|position|location|footer|header|share|sidebar|related|copyright|pager|toolbar)([-_ ]|$)/i;
/** Meta tags government sites put the publication date in. */
const DATE_META = [
  'PubDate',
  'pubdate',
  'publishdate',
  'firstpublishedtime',
  'article:published_time',
  'dc.date',
  'DC.Date',
];
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'table',
  'tbody',
  'tr',
  'td',
  'th',
  'blockquote',
  'center',
  'dl',
  'dt',
  'dd',
  'pre',
  'figure',
  'figcaption',
]);

/** The page's text: the charset its bytes declare (a BOM, then <meta>), UTF-8 when none. */
export function decodeHtml(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  const head = bytes.subarray(0, CHARSET_SNIFF_BYTES).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  // GB2312 and GBK pages use characters beyond their tables all the time; GB18030 is their superset.
  const charset = ['gb2312', 'gbk', 'x-gbk', 'gb_2312-80', 'cp936'].includes(declared) ? 'gb18030' : declared;
  if (!iconv.encodingExists(charset)) throw new ImportError(`the page declares an unknown charset "${declared}"`);
  return iconv.decode(bytes, charset);
}

/** How a sentence ends: what a paragraph ends with. */
const SENTENCE_END = /[。！？；!?;…”」』）)]$/u;

/** One line of the article as it is laid out, with what tells a heading from a paragraph. */
export interface Line {
  text: string;
  /** The heading level its element gives (1–6), or 0. */
  level: number;
  /** Centred or all bold: a line that stands alone like a heading. */
  emphasised: boolean;
}

/** Reads a saved web page. */
export function readHtml(bytes: Buffer): Draft {
  const $ = load(decodeHtml(bytes));
  const pageTitle = clean($('title').first().text());
  const metaDate = DATE_META.map((name) => $(`meta[name="${name}"], meta[property="${name}"]`).attr('content') ?? '')
    .map(findDate)
    .find(Boolean);
  const metaTitle = clean($('meta[name="ArticleTitle"]').attr('content') ?? '');
  $(NEVER_ARTICLE).remove();
  $('[class], [id]').each((_, el) => {
    const names = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
    if (FURNITURE_NAMES.test(names)) $(el).remove();
  });
  const article = findArticle($);
  const title = metaTitle || articleHeading($, pageTitle) || siteless(pageTitle);
  const draft = readLines(linesOf($, article), title, ARTICLE_HEADINGS);
  // The metadata line usually sits above the article, outside the element that holds it.
  const page = $('body').get(0);
  const publication = page
    ? linesOf($, page)
        .map((l) => readPublicationLine(l.text))
        .find(Boolean)
    : null;
  return takeDateLine({
    ...draft,
    date: metaDate ?? draft.date ?? publication?.date ?? null,
    source: draft.source ?? publication?.source ?? null,
  });
}

/** Heading levels that open sections in a web page's article: its own title is the h1. */
const ARTICLE_HEADINGS = [2, 3, 4];

/**
 * The element holding the article: the one whose own paragraphs (and line-broken text) hold the
 * most characters. Readability's idea, without its scoring of links and classes.
 */
function findArticle($: CheerioAPI): Element {
  let best: Element | null = null;
  let bestScore = 0;
  $('body *').each((_, el) => {
    if (el.type !== 'tag') return;
    let score = 0;
    for (const child of el.children) {
      if (child.type === 'text') score += clean(child.data).length;
      else if (child.type === 'tag' && /^(p|br|span|font|strong|b)$/.test(child.name))
        score += clean($(child).text()).length;
    }
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  });
  const body = $('body').get(0);
  const found = best ?? body;
  if (!found) throw new ImportError('the page has no body');
  return found;
}

/**
 * The article's own heading: the title-like element (h1–h3, or one whose class or id says title)
 * that the page's <title> names, else the first h1, else the first title-like element.
 */
function articleHeading($: CheerioAPI, pageTitle: string): string {
  const text = (selector: string) =>
    $(selector)
      .toArray()
      .map((el) => clean($(el).text()))
      .filter((t) => t.length > 0 && Array.from(t).length <= 100 && !isFurniture(t));
  const candidates = text('h1, h2, h3, [class*="title" i], [id*="title" i]');
  return candidates.find((t) => pageTitle.includes(t)) ?? text('h1')[0] ?? candidates[0] ?? '';
}

/** A page title without the site's name appended (报告标题_某某市人民政府 → 报告标题). */
function siteless(pageTitle: string): string {
  return pageTitle.split(/\s*(?:_|\||｜|\s-{1,2}\s)\s*/u).find(Boolean) ?? '';
}

/** The article's lines in reading order: block elements end lines, <br> ends a line. */
export function linesOf($: CheerioAPI, root: Element): Line[] {
  const lines: Line[] = [];
  let text = '';
  let level = 0;
  let emphasised = false;
  const flush = () => {
    const line = clean(text);
    if (line) lines.push({ text: line, level, emphasised });
    text = '';
    level = 0;
    emphasised = false;
    broken = false;
  };
  // A <br> ends a paragraph when the text before it ends a sentence or the text after it is
  // indented; one that breaks a sentence is only a line break.
  let broken = false;
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      const data = node.data.replace(/[\r\n\t]+/g, '');
      if (broken && data.trim()) {
        if (SENTENCE_END.test(clean(text)) || /^[\s\u3000\u00a0]{2}/u.test(data)) flush();
        broken = false;
      }
      text += data;
      return;
    }
    if (node.type !== 'tag') return;
    const name = node.name;
    if (name === 'br') {
      broken = true;
      return;
    }
    const block = BLOCK_TAGS.has(name);
    if (block) {
      flush();
      const heading = /^h([1-6])$/.exec(name);
      level = heading ? Number(heading[1]) : 0;
      emphasised = isCentred($, node) || isAllBold($, node);
    }
    for (const child of node.children) walk(child);
    if (block) flush();
  };
  for (const child of root.children) walk(child);
  flush();
  return lines;
}

function isCentred($: CheerioAPI, el: Element): boolean {
  const style = ($(el).attr('style') ?? '').replace(/\s/g, '').toLowerCase();
  return (
    el.name === 'center' ||
    ($(el).attr('align') ?? '').toLowerCase() === 'center' ||
    style.includes('text-align:center')
  );
}

/** Whether all of an element's text is inside <strong> or <b>. */
function isAllBold($: CheerioAPI, el: Element): boolean {
  const all = clean($(el).text());
  const bold = clean($(el).find('strong, b').text());
  return all.length > 0 && all === bold;
}

/**
 * Lines to blocks: the title and the publication line read and dropped, furniture dropped, and
 * headings told apart — by their element's level when it is one of `levels`, or by standing alone
 * centred or bold and reading like one.
 */
export function readLines(lines: Line[], title: string, levels: number[]): Draft {
  let date: string | null = null;
  let source: string | null = null;
  const blocks: Block[] = [];
  for (const line of lines) {
    if (line.text === title && blocks.length === 0) continue;
    const publication = blocks.length === 0 ? readPublicationLine(line.text) : null;
    if (publication) {
      date ??= publication.date;
      source ??= publication.source;
      continue;
    }
    if (isFurniture(line.text)) continue;
    const heading = levels.includes(line.level) || (line.emphasised && looksLikeHeading(line.text));
    blocks.push({ kind: heading ? 'heading' : 'paragraph', text: line.text });
  }
  return { title, date, source, blocks };
}
