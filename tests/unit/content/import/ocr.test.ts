import { beforeAll, describe, expect, it } from 'vitest';
import { toReportSource } from '@/lib/content/import/draft';
import { readPdf } from '@/lib/content/import/pdf';
import { characterAccuracy, editDistance } from '@/lib/eval/accuracy';
import { MADE_UP_DATE, MADE_UP_SECTIONS, MADE_UP_TITLE, madeUpParagraphs } from '@/tests/fixtures/made-up-report';
import { madeUpPdf } from '@/tests/fixtures/pdfs';
import { mixedOf, scanOf } from '@/tests/fixtures/scans';

let printed: Buffer;
let scan: Buffer;
beforeAll(async () => {
  printed = await madeUpPdf();
  scan = await scanOf(printed, 300);
}, 120_000);

/** The report's text, paragraph after paragraph. */
const textOf = (paragraphs: { text: string }[]) => paragraphs.map((p) => p.text).join('\n');

describe('character accuracy', () => {
  it('counts insertions, deletions and substitutions, and ignores whitespace', () => {
    expect(editDistance([...'凝心聚力'], [...'将心府力'])).toBe(2);
    expect(editDistance([...'青溪'], [...'青溪县'])).toBe(1);
    expect(characterAccuracy('青溪县 政协', '青溪县\n政协')).toBe(1);
    expect(characterAccuracy('一二三四', '一二三')).toBe(0.75);
  });
});

describe('importing a scanned PDF', () => {
  it('reads a 300 dpi scan of the printed report by OCR: at least 97% of characters right, the date line, the sections and every paragraph', async () => {
    const draft = await readPdf(scan);
    expect(draft.ocrPages).toEqual([1, 2]);
    expect(draft.date).toBe(MADE_UP_DATE);
    const report = toReportSource('r', draft);
    expect(report.ocr).toBe(true);
    const sections = [...new Set(report.paragraphs.map((p) => p.section))];
    expect(sections).toHaveLength(MADE_UP_SECTIONS.length);
    expect(report.paragraphs).toHaveLength(madeUpParagraphs().length);
    const expected = `${MADE_UP_TITLE}\n${MADE_UP_SECTIONS.map((s) => s.heading).join('\n')}\n${textOf(madeUpParagraphs())}`;
    const read = `${draft.title}\n${sections.join('\n')}\n${textOf(report.paragraphs)}`;
    expect(characterAccuracy(expected, read)).toBeGreaterThanOrEqual(0.97);
  }, 120_000);

  it('reads only the scanned pages of a mixed PDF by OCR, and the text page as it is', async () => {
    const draft = await readPdf(await mixedOf(printed, scan));
    expect(draft.ocrPages).toEqual([2]);
    expect(draft.title).toBe(MADE_UP_TITLE);
    const report = toReportSource('r', draft);
    const firstSection = madeUpParagraphs().filter((p) => p.section === MADE_UP_SECTIONS[0]!.heading);
    expect(report.paragraphs.slice(0, firstSection.length)).toEqual(firstSection);
    expect(characterAccuracy(textOf(madeUpParagraphs()), textOf(report.paragraphs))).toBeGreaterThanOrEqual(0.97);
  }, 120_000);

  it('reads a text PDF without OCR', async () => {
    expect((await readPdf(printed)).ocrPages).toBeUndefined();
  }, 60_000);
});
