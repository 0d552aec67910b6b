/**
 * `npm run bench:ocr`: how well and how fast the OCR engines read a scan of the made-up report
 * (tests/fixtures/made-up-report.ts) printed by Chromium on A4 and A5 and rasterised by poppler's
 * pdftoppm, as an office scanner would: PaddleOCR (PP-OCRv4 through @gutenye/ocr-node, the
 * importer's engine) and Debian's Tesseract (tesseract-ocr with chi_sim, when installed), on the
 * same page images, and the importer itself (`readPdf`, which renders the scan at OCR_DPI). Prints
 * character accuracy against the printed text and seconds per page, and one JSON line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toReportSource } from '@/lib/content/import/draft';
import { recognise } from '@/lib/content/import/ocr';
import { readPdf } from '@/lib/content/import/pdf';
import { characterAccuracy } from '@/lib/eval/accuracy';
import { MADE_UP_DATE_LINE, MADE_UP_SECTIONS, MADE_UP_TITLE, madeUpHtml } from '@/tests/fixtures/made-up-report';
import { printPdf } from '@/tests/fixtures/print-pdf';
import { scanOf } from '@/tests/fixtures/scans';
import { SMOKE } from '../poetry';
import { round } from './common';

/** Papers and resolutions read; a smoke run reads A5 at 300 dpi only (the importer's run is on A5). */
const PAPERS = SMOKE ? (['A5'] as const) : (['A4', 'A5'] as const);
const DPIS = SMOKE ? [300] : [200, 300, 400];
import { table, type Row } from './report';

/** What was printed, in reading order. */
const PRINTED = [
  MADE_UP_TITLE,
  MADE_UP_DATE_LINE,
  ...MADE_UP_SECTIONS.flatMap((s) => [s.heading, ...s.paragraphs]),
].join('\n');

/** A report's text as it reads: the title, then each section's heading before its paragraphs. */
function inReadingOrder(title: string, paragraphs: { text: string; section: string | null }[]): string {
  const out = [title];
  paragraphs.forEach((p, i) => {
    if (p.section !== null && p.section !== paragraphs[i - 1]?.section) out.push(p.section);
    out.push(p.text);
  });
  return out.join('\n');
}

interface Reading {
  engine: string;
  paper: string;
  dpi: number;
  accuracy: number;
  secondsPerPage: number;
}

/** Page images of `pdf` at `dpi`, as PNG files in `dir`. */
function rasterise(pdf: Buffer, dpi: number, dir: string): string[] {
  const file = path.join(dir, `printed-${dpi}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, path.join(dir, `page-${dpi}`)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`page-${dpi}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

async function paddle(pages: string[]): Promise<string> {
  const texts: string[] = [];
  for (const page of pages) {
    // Page height does not matter for the text; lines come top to bottom.
    const lines = await recognise(readFileSync(page), 72, 0);
    texts.push(
      lines
        .sort((a, b) => b.y - a.y || a.x - b.x)
        .map((l) => l.text)
        .join('\n'),
    );
  }
  return texts.join('\n');
}

function tesseract(pages: string[]): string | null {
  if (spawnSync('tesseract', ['--version']).status !== 0) return null;
  // One thread: OpenMP's spinning made it 4× slower on this 2-core machine.
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  return pages
    .map((page) =>
      execFileSync('tesseract', [page, '-', '-l', 'chi_sim', '--psm', '6'], {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    )
    .join('\n');
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-ocr-'));
  const readings: Reading[] = [];
  try {
    await recognise(readFileSync(rasterise(await printPdf('<p>预热</p>'), 72, dir)[0]!), 72, 0); // load the models once
    for (const paper of PAPERS) {
      const printed = await printPdf(madeUpHtml(), { format: paper });
      for (const dpi of DPIS) {
        const pages = rasterise(printed, dpi, dir);
        const read = (engine: string, text: string, seconds: number) =>
          readings.push({
            engine,
            paper,
            dpi,
            accuracy: round(characterAccuracy(PRINTED, text) * 100, 2),
            secondsPerPage: round(seconds / pages.length, 2),
          });
        const p = await timed(() => paddle(pages));
        read('PaddleOCR (page image)', p.value, p.seconds);
        const t = await timed(() => tesseract(pages));
        if (t.value !== null) read('Tesseract chi_sim (page image)', t.value, t.seconds);
      }
      if (paper === 'A5') {
        // The importer end to end: a PDF of 300 dpi scans, rendered again at OCR_DPI and laid out.
        const scan = await scanOf(printed, 300);
        const { value: draft, seconds } = await timed(() => readPdf(scan));
        const report = toReportSource('bench', draft);
        const expected = inReadingOrder(
          MADE_UP_TITLE,
          MADE_UP_SECTIONS.flatMap((x) => x.paragraphs.map((text) => ({ text, section: x.heading }))),
        );
        const text = inReadingOrder(draft.title, report.paragraphs);
        const pages = draft.ocrPages?.length ?? 1;
        readings.push({
          engine: 'import (readPdf, PaddleOCR)',
          paper,
          dpi: 300,
          accuracy: round(characterAccuracy(expected, text) * 100, 2),
          secondsPerPage: round(seconds / pages, 2),
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: Row[] = [
    ['engine', 'paper', 'dpi', 'characters right %', 's / page'],
    ...readings.map((r): Row => [r.engine, r.paper, r.dpi, r.accuracy, r.secondsPerPage]),
  ];
  console.log(table(rows));
  console.log(JSON.stringify({ ocr: readings }));
}

main().catch((err: unknown) => {
  console.error(`bench:ocr: ${(err as Error).message}`);
  process.exitCode = 1;
});
