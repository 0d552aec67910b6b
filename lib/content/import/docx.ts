/**
 * Word files (.docx), through mammoth: the Title style becomes the report's title, the Heading
 * styles open sections, every other paragraph is a paragraph. Word's own markup (runs, bold,
 * fields) is mammoth's to read; what it gives is HTML, read as a page's article is.
 */
import { load } from 'cheerio';
import mammoth from 'mammoth';
import { clean, ImportError, takeDateLine, type Draft } from './draft';
import { linesOf, readLines } from './html';

/** Title → an h1 marked as the title; Heading 1–6 are mammoth's defaults (h1–h6). */
const STYLE_MAP = ["p[style-name='Title'] => h1.report-title:fresh", "p[style-name='Subtitle'] => p:fresh"];

/** Reads a Word file. */
export async function readDocx(bytes: Buffer): Promise<Draft> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP })).value;
  } catch (err) {
    throw new ImportError(`not a readable Word file (${(err as Error).message.split('\n')[0]})`);
  }
  const $ = load(`<body>${html}</body>`);
  const marked = clean($('h1.report-title').first().text());
  const lines = linesOf($, $('body').get(0)!);
  // Without a Title paragraph, a first heading that stands before any text is the title.
  const title = marked || (lines[0]?.level ? lines[0].text : '');
  return takeDateLine(readLines(lines, title, [1, 2, 3, 4, 5, 6]));
}
