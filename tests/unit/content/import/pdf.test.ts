import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError, toReportSource } from '@/lib/content/import/draft';
import { readPdf } from '@/lib/content/import/pdf';
import { MADE_UP_DATE, MADE_UP_TITLE, madeUpParagraphs } from '@/tests/fixtures/made-up-report';
import { encryptedPdf, madeUpPdf, PDF_PARAGRAPHS, PDF_TITLE, reportPdf, scannedPdf } from '@/tests/fixtures/pdfs';

let printed: Buffer;
beforeAll(async () => {
  printed = await reportPdf();
}, 60_000);

describe('importing a PDF printed by Chromium', () => {
  it('puts paragraphs back together across lines and pages, with their sections', async () => {
    const report = toReportSource('r', await readPdf(printed));
    expect(report.paragraphs).toEqual(PDF_PARAGRAPHS);
  });

  it('joins a title that wraps over two lines, and reads the publication line', async () => {
    expect(await readPdf(printed)).toMatchObject({ title: PDF_TITLE, date: '2023-01-01', source: '资阳市政协' });
  });

  it('drops the running header, the page numbers and the footer', async () => {
    const text = JSON.stringify(await readPdf(printed));
    expect(text).not.toMatch(/资阳市政协工作报告|第 ?\d+ ?页/);
  });

  it('refuses a PDF cut short, an encrypted one and one with no text, saying which', async () => {
    await expect(readPdf(printed.subarray(0, printed.length / 3))).rejects.toThrow(/cut short|no text/);
    await expect(readPdf(encryptedPdf())).rejects.toThrow(/encrypted/);
    await expect(readPdf(await scannedPdf())).rejects.toThrow(/no text/);
    await expect(readPdf(Buffer.from('%PDF-1.4 nothing'))).rejects.toThrow(ImportError);
  }, 60_000);
});

describe('the structure of a printed report, from the page', () => {
  it('takes the date line under the title as the date, bold headings at body size as sections, and does not cut a paragraph where a line ended early before 《', async () => {
    const draft = await readPdf(await madeUpPdf());
    expect(draft).toMatchObject({ title: MADE_UP_TITLE, date: MADE_UP_DATE });
    expect(toReportSource('r', draft).paragraphs).toEqual(madeUpParagraphs());
  }, 60_000);

  it('makes numbered lines standing alone headings when they are not bold', async () => {
    const draft = await readPdf(await madeUpPdf('h2 { font-weight: normal }'));
    expect(toReportSource('r', draft).paragraphs).toEqual(madeUpParagraphs());
  }, 60_000);

  it('makes bold lines standing alone headings when they are not numbered', async () => {
    const draft = await readPdf(await madeUpPdf('', { numbered: false }));
    expect(toReportSource('r', draft).paragraphs).toEqual(madeUpParagraphs({ numbered: false }));
  }, 60_000);

  it('keeps a short line that is neither bold, larger, centred nor numbered a paragraph', async () => {
    const draft = await readPdf(await madeUpPdf('h2 { font-weight: normal }', { numbered: false }));
    const headings = draft.blocks.filter((b) => b.kind === 'heading');
    expect(headings).toEqual([]);
    expect(draft.blocks.map((b) => b.text)).toContain('凝心聚力谱新篇');
  }, 60_000);
});
