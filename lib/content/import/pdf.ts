/**
 * PDFs, through pdf.js: a page's text comes as positioned runs, with the fonts that tell bold; a
 * page with no text that paints an image is a scan, and OCR reads it (ocr.ts), only that page.
 * Either way the lines are read back into the report by layout.ts.
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import { ImportError, type Draft } from './draft';
import { linesToDraft, placedLines, type Line, type Placed } from './layout';
import { OCR_DPI, recognise, renderPage } from './ocr';

/** A run of text as pdf.js gives it. */
interface Run {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

/**
 * Font names of bold faces, as PDF producers name them (NotoSerifCJKsc-Bold, Arial-BoldMT). The
 * heading faces of government documents (黑体, 楷体 under 仿宋 body text) are no bold fonts; their
 * headings are numbered (一、 （一）), which layout.ts reads instead.
 */
const BOLD_FONT = /bold|black|heavy|demi|semibold/i;

/**
 * Characters that CJK fonts' Unicode maps give for common ideographs and dashes: Kangxi radicals
 * (⼀ ⼭ for 一 山), which NFKC maps back; CJK radical supplement forms that are whole simplified
 * characters (⺠ for 民), which it does not, so they are listed here from Unicode's
 * EquivalentUnifiedIdeograph data; and the two- and three-em dashes a font draws for —— and ———.
 */
const FONT_LOOKALIKES = /[\u2e80-\u2fdf\u2e3a\u2e3b]/gu;
// prettier-ignore
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

/** Reads a PDF: its text where it has text, OCR where a page is a scan. */
export async function readPdf(bytes: Buffer): Promise<Draft> {
  const { lines, scanned } = await pdfLines(bytes);
  if (lines.length === 0) {
    throw new ImportError(
      scanned.length > 0
        ? `the PDF has no text, and OCR read none on its ${scanned.length} scanned page(s)`
        : 'the PDF has no text',
    );
  }
  const draft = linesToDraft(lines);
  return scanned.length > 0 ? { ...draft, ocrPages: scanned } : draft;
}

/** The operators that paint an image: a page without text that paints one is a scan. */
const IMAGE_OPERATORS = ['paintImageXObject', 'paintInlineImageXObject', 'paintImageXObjectRepeat', 'paintJpegXObject'];

/** Every line of every page, and the pages that were scans read by OCR. */
async function pdfLines(bytes: Buffer): Promise<{ lines: Line[]; scanned: number[] }> {
  const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document;
  try {
    document = await getDocument({
      data: new Uint8Array(bytes),
      useSystemFonts: false,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') throw new ImportError('the PDF is encrypted (it asks for a password)');
    throw new ImportError(`not a readable PDF, or cut short (${(err as Error).message})`);
  }
  const imageOps = new Set(
    IMAGE_OPERATORS.map((name) => (OPS as Record<string, number>)[name]).filter((op) => op !== undefined),
  );
  const lines: Line[] = [];
  const scanned: number[] = [];
  try {
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const [, , width = 0, height = 0] = page.view;
      // The operator list loads the page's fonts, whose names tell a bold face; text content alone does not.
      const operators = await page.getOperatorList();
      const content = await page.getTextContent();
      const runs = (content.items as Run[]).filter((r) => typeof r.str === 'string' && r.str.trim().length > 0);
      if (runs.length === 0 && operators.fnArray.some((op) => imageOps.has(op))) {
        scanned.push(n);
        lines.push(...(await scannedLines(page, document.canvasFactory, n, width, height)));
        continue;
      }
      const boldFonts = new Set(runs.map((r) => r.fontName).filter((f) => BOLD_FONT.test(fontNameOf(page, f))));
      lines.push(...groupLines(runs, boldFonts, n, width, height));
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`not a readable PDF, or cut short (${(err as Error).message})`);
  } finally {
    await document.destroy();
  }
  return { lines, scanned };
}

/** A scanned page's lines, as OCR reads them from the page rendered at OCR_DPI. */
async function scannedLines(
  page: PDFPageProxy,
  canvases: unknown,
  n: number,
  width: number,
  height: number,
): Promise<Line[]> {
  const png = await renderPage(page, canvases, OCR_DPI);
  const placed = (await recognise(png, OCR_DPI, height))
    .map((l): Placed => ({ str: l.text, x: l.x, y: l.y, size: l.size, width: l.width, bold: false }))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  return placedLines(placed, n, width, height);
}

/** The PostScript name of a font the page's text uses (AAAAAA+NotoSerifCJKsc-Bold), or '' when unknown. */
function fontNameOf(page: { commonObjs: { has(id: string): boolean; get(id: string): unknown } }, id: string): string {
  return page.commonObjs.has(id) ? ((page.commonObjs.get(id) as { name?: string } | null)?.name ?? '') : '';
}

/** Runs on one baseline (within half a type size) make a line, read left to right. */
function groupLines(runs: Run[], boldFonts: Set<string>, page: number, pageWidth: number, pageHeight: number): Line[] {
  const placed = runs
    .map((r): Placed => ({
      str: unlookalike(r.str),
      x: r.transform[4]!,
      y: r.transform[5]!,
      size: Math.hypot(r.transform[2]!, r.transform[3]!),
      width: r.width,
      bold: boldFonts.has(r.fontName),
    }))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  return placedLines(placed, page, pageWidth, pageHeight);
}
