/**
 * Legacy Word files (.doc, Word 97–2003), through word-extractor, which reads the binary format's
 * text without Word or LibreOffice. The format keeps styles in tables that the library does not
 * expose, so the text is read as a plain-text report is (text.ts): the title on the first line,
 * short lines standing alone as headings, the date line under the title.
 */
import WordExtractor from 'word-extractor';
import { ImportError, type Draft } from './draft';
import { readText } from './text';

/** The first bytes of an OLE compound file, the container of .doc (and .xls, .ppt). */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Whether the bytes start as an OLE compound file does. */
export function isCompoundFile(bytes: Buffer): boolean {
  return bytes.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE);
}

/** Reads a legacy Word file. */
export async function readDoc(bytes: Buffer): Promise<Draft> {
  if (!isCompoundFile(bytes)) throw new ImportError('not a Word .doc file (not an OLE compound file)');
  let body: string;
  try {
    // Without filterUnicode the library turns “” into " and —— into --: text as published, please.
    const document = (await new WordExtractor().extract(bytes)) as WordExtractor.Document & {
      getBody(options: { filterUnicode: boolean }): string;
    };
    body = document.getBody({ filterUnicode: false });
  } catch (err) {
    throw new ImportError(`not a readable Word .doc file (${(err as Error).message.split('\n')[0]})`);
  }
  // Word ends paragraphs with \r, and marks a page or section break with \f.
  return readText(body.replace(/[\r\f\v]/g, '\n'));
}
