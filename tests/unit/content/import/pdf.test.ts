import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError, toReportSource } from '@/lib/content/import/draft';
import { readPdf } from '@/lib/content/import/pdf';
import { encryptedPdf, PDF_PARAGRAPHS, PDF_TITLE, reportPdf, scannedPdf } from '@/tests/fixtures/pdfs';

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
