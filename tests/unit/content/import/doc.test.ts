import { beforeAll, describe, expect, it } from 'vitest';
import { readDoc } from '@/lib/content/import/doc';
import { ImportError, toReportSource } from '@/lib/content/import/draft';
import { importFile } from '@/lib/content/import';
import { MADE_UP_DATE, MADE_UP_TITLE, madeUpParagraphs } from '@/tests/fixtures/made-up-report';
import { madeUpDoc, madeUpDocx } from '@/tests/fixtures/word';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let doc: Buffer;
beforeAll(async () => {
  doc = await madeUpDoc();
}, 180_000);

describe('importing a legacy Word file (.doc)', () => {
  it('reads the title, the date line, the sections and every paragraph of a file LibreOffice saved as Word 97', async () => {
    const draft = await readDoc(doc);
    expect(draft).toMatchObject({ title: MADE_UP_TITLE, date: MADE_UP_DATE });
    expect(toReportSource('r', draft).paragraphs).toEqual(madeUpParagraphs());
  });

  it('refuses a file cut short, and bytes that are no Office file, saying which', async () => {
    await expect(readDoc(doc.subarray(0, 1024))).rejects.toThrow(/not a readable Word \.doc/);
    await expect(readDoc(Buffer.from('plain text, not Word'))).rejects.toThrow(ImportError);
  });

  it('tells a .doc named .docx and a .docx named .doc apart by their bytes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'doc-names-'));
    writeFileSync(path.join(dir, 'legacy.docx'), doc);
    writeFileSync(path.join(dir, 'modern.doc'), await madeUpDocx());
    await expect(importFile(path.join(dir, 'legacy.docx'))).rejects.toThrow(/rename it \.doc/);
    await expect(importFile(path.join(dir, 'modern.doc'))).rejects.toThrow(/rename it \.docx/);
    writeFileSync(path.join(dir, 'report.doc'), doc);
    expect((await importFile(path.join(dir, 'report.doc'))).title).toBe(MADE_UP_TITLE);
  });
});
