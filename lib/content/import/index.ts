/**
 * Importing a published report — plain text, a saved web page, a Word file (.docx or legacy .doc),
 * a text PDF or a scanned one (read by OCR) — as a report of the content folder, in its Markdown form.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPORT_ID_PATTERN } from '../fields';
import type { ReportSource } from '../types';
import { toMarkdown } from '../write';
import { ImportError, toReportSource, type Draft } from './draft';
import { isCompoundFile, readDoc } from './doc';
import { readDocx } from './docx';
import { readHtml } from './html';
import { readPdf } from './pdf';
import { readText } from './text';

export { ImportError };

/** File types the importer reads, by extension. */
export const IMPORTABLE = ['.txt', '.html', '.htm', '.docx', '.doc', '.pdf'] as const;
/** Hex digits of the name's hash in an id made for a file name that is not URL-safe. */
const NAME_HASH_HEX = 8;

/**
 * A report id for a file: its name when that is URL-safe, else the name's ASCII part and a hash of
 * the whole name — the same file always gets the same id.
 */
export function reportIdFor(file: string): string {
  const base = path.basename(file, path.extname(file));
  if (REPORT_ID_PATTERN.test(base)) return base;
  const ascii = base
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .toLowerCase();
  const hash = createHash('sha1').update(base).digest('hex').slice(0, NAME_HASH_HEX);
  return `${ascii || 'report'}-${hash}`;
}

/** What the file's first bytes say it is, whatever its name says. */
function sniff(bytes: Buffer): 'pdf' | 'zip' | 'compound' | 'other' {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'zip';
  if (isCompoundFile(bytes)) return 'compound';
  return 'other';
}

/** What a sniffed kind is called in a refusal. */
const KIND_NAMES = { pdf: 'PDF', zip: 'zip archive', compound: 'Office compound file' } as const;

/** Reads one file into a draft, by its type; refuses what it cannot read, saying why. */
async function readDraft(file: string, bytes: Buffer): Promise<Draft> {
  const ext = path.extname(file).toLowerCase();
  const kind = sniff(bytes);
  if (ext === '.pdf') {
    if (kind !== 'pdf') throw new ImportError('not a PDF (it does not start with %PDF-)');
    return readPdf(bytes);
  }
  if (ext === '.docx') {
    if (kind === 'compound') throw new ImportError('a legacy Word .doc file named .docx: rename it .doc');
    if (kind !== 'zip') throw new ImportError('not a Word .docx file (not a zip archive)');
    return readDocx(bytes);
  }
  if (ext === '.doc') {
    if (kind === 'zip') throw new ImportError('a Word .docx file named .doc: rename it .docx');
    return readDoc(bytes);
  }
  if (kind !== 'other') throw new ImportError(`a ${KIND_NAMES[kind]} named ${ext}`);
  if (ext === '.html' || ext === '.htm') return readHtml(bytes);
  if (ext === '.txt') return readText(bytes.toString('utf8'));
  throw new ImportError(`unknown file type "${ext || '(none)'}": import ${IMPORTABLE.join(', ')}`);
}

/** Reads a published report from a file; `id` overrides the one made from its name. */
export async function importFile(file: string, id = reportIdFor(file)): Promise<ReportSource> {
  if (!REPORT_ID_PATTERN.test(id)) throw new ImportError(`report id "${id}" must be letters, digits, - and _`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new ImportError(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return toReportSource(id, await readDraft(file, bytes));
}

/** What writing a report into the content folder did. */
export type WriteOutcome = 'written' | 'unchanged';

/**
 * Writes a report as `<id>.md` in `dir`, atomically (a temporary file renamed), so a server
 * watching the folder never reads half of it. A different report already there is kept unless
 * `force`.
 */
export function writeReport(report: ReportSource, dir: string, force = false): { file: string; outcome: WriteOutcome } {
  const file = path.join(dir, `${report.id}.md`);
  const markdown = toMarkdown(report);
  if (existsSync(file)) {
    if (readFileSync(file, 'utf8') === markdown) return { file, outcome: 'unchanged' };
    if (!force) throw new ImportError(`${file} exists and differs; use --force to replace it`);
  }
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${report.id}.md.${process.pid}.tmp`);
  writeFileSync(tmp, markdown);
  renameSync(tmp, file);
  return { file, outcome: 'written' };
}
