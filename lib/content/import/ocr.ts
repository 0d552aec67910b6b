/**
 * Reading a scanned page: pdf.js renders it (with @napi-rs/canvas, which it ships for Node), and
 * PaddleOCR's PP-OCRv4 models read the image (@gutenye/ocr-node, on onnxruntime-node's CPU
 * build). Chosen over Debian's Tesseract by measurement on the same pages (README, Importing):
 * PaddleOCR read the made-up report at 99.4–99.6% of characters right, Tesseract at 96–97%.
 * The OCR engine loads once per process, on the first scanned page.
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import { ImportError } from './draft';

/**
 * Resolution a scanned page is rendered at for OCR. PaddleOCR's detector reads the whole image: at
 * 300 dpi an A4 page took 2.5× as long as at 200 and read no better (BENCHMARKS.md, OCR).
 */
export const OCR_DPI = 200;
/** Below this code point a character is set half as wide as a Chinese one (Latin letters, digits). */
const FULL_WIDTH_FROM = 0x2000;

/** A line of text as OCR read it, in the page's units (points, origin at the bottom left as PDF has it). */
export interface OcrLine {
  text: string;
  x: number;
  /** The baseline, approximated by the bottom of the box. */
  y: number;
  width: number;
  size: number;
}

interface PaddleLine {
  text: string;
  box?: number[][];
}

interface Engine {
  detect(image: string | Buffer): Promise<PaddleLine[]>;
}

let engine: Promise<Engine> | null = null;

/** The OCR engine, loaded on first use (its models take a second or two). */
function ocrEngine(): Promise<Engine> {
  engine ??= import('@gutenye/ocr-node')
    .then(({ default: Ocr }) => Ocr.create() as Promise<unknown> as Promise<Engine>)
    .catch((err: unknown) => {
      engine = null;
      throw new ImportError(`the OCR engine did not load (${(err as Error).message.split('\n')[0]})`);
    });
  return engine;
}

interface Canvas {
  toBuffer(mime: 'image/png'): Buffer;
}

/** The page as a PNG at `dpi`. */
export async function renderPage(page: PDFPageProxy, factory: unknown, dpi = OCR_DPI): Promise<Buffer> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const canvases = factory as { create(w: number, h: number): { canvas: Canvas; context: unknown } };
  const { canvas, context } = canvases.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvasContext: context, viewport, canvas } as unknown as Parameters<PDFPageProxy['render']>[0])
    .promise;
  return canvas.toBuffer('image/png');
}

/** A text's width in type sizes: a Chinese character or mark is one, a Latin letter or digit half. */
function ems(text: string): number {
  let n = 0;
  for (const c of text) n += c.codePointAt(0)! < FULL_WIDTH_FROM ? 0.5 : 1;
  return Math.max(n, 0.5);
}

/** The lines OCR reads in a page image rendered at `dpi` from a page `pageHeight` points high. */
export async function recognise(png: Buffer, dpi: number, pageHeight: number): Promise<OcrLine[]> {
  const scale = dpi / 72;
  const lines = await (await ocrEngine()).detect(png);
  return lines.flatMap((line) => {
    const text = line.text.trim();
    if (!text || !line.box) return [];
    const xs = line.box.map((p) => p[0]!);
    const [left, right] = [Math.min(...xs), Math.max(...xs)];
    const bottom = Math.max(...line.box.map((p) => p[1]!));
    // The type size from the characters' pitch along the line, in half points so that the body's
    // lines share one: box heights vary from 11 to 17 points over lines of one 12-point body, with
    // the glyphs in them and the detector's padding.
    const size = Math.round(((right - left) / scale / ems(text)) * 2) / 2;
    return [{ text, x: left / scale, y: pageHeight - bottom / scale, width: (right - left) / scale, size }];
  });
}
