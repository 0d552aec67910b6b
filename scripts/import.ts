/**
 * `npm run import -- [--out DIR] [--force] [--id ID] [--region R] [--level L] [--kind K] [--source S]
 * [--year Y] FILE…`: turns published reports (.txt, saved web pages, .docx and .doc, PDFs, scanned
 * ones by OCR; a folder stands for the files in it) into reports of the content folder, printing a
 * line per file with what it inferred from the title (year, kind, region, level), which the flags
 * override. A file it cannot read is refused by name with the reason and the others still
 * imported; the exit code is then 1.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contentDir } from '@/lib/content/folder';
import { IMPORTABLE, importFile, writeReport } from '@/lib/content/import';
import { describeReport } from '@/lib/content/import/meta';

function expand(inputs: string[]): string[] {
  return inputs.flatMap((input) => {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      return [input]; // refused below, by name
    }
    if (!isDir) return [input];
    return readdirSync(input)
      .filter((n) => (IMPORTABLE as readonly string[]).includes(path.extname(n).toLowerCase()))
      .sort()
      .map((n) => path.join(input, n));
  });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      id: { type: 'string' },
      region: { type: 'string' },
      level: { type: 'string' },
      kind: { type: 'string' },
      source: { type: 'string' },
      year: { type: 'string' },
    },
  });
  const { region, level, kind, source, year } = values;
  const flags = { region, level, kind, source, year };
  const files = expand(positionals);
  if (files.length === 0) {
    console.error(
      'import: usage: npm run import -- [--out DIR] [--force] [--id ID] [--region R] [--level L] [--kind K] [--source S] [--year Y] FILE|FOLDER…',
    );
    return 2;
  }
  if (values.id && files.length !== 1) {
    console.error('import: --id names one report: give one file with it');
    return 2;
  }
  const out = path.resolve(values.out ?? contentDir());
  let refused = 0;
  for (const file of files) {
    try {
      const { report, said } = describeReport(await importFile(file, values.id), flags);
      const { file: written, outcome } = writeReport(report, out, values.force);
      const sections = new Set(report.paragraphs.map((p) => p.section).filter((s) => s !== null)).size;
      console.log(
        `import: ${file} → ${path.relative(process.cwd(), written) || written} (${outcome}): 《${report.title}》, ` +
          `${report.date ?? 'no date'}, ${sections} sections, ${report.paragraphs.length} paragraphs` +
          (said.length ? `; inferred from the title: ${said.join(', ')}` : '') +
          (report.ocr ? ' — read by OCR from a scan: check the text (front matter ocr: true)' : ''),
      );
    } catch (err) {
      refused++;
      console.error(`import: ${file}: refused: ${(err as Error).message}`);
    }
  }
  return refused ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(`import: ${(err as Error).message}`);
    process.exitCode = 1;
  },
);
