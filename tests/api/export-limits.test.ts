/**
 * Exports as a hostile client meets them: cells no spreadsheet runs, names that show what they are,
 * files of bounded size, and the server's memory and event loop kept to a socket's worth.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parseExportRequest } from '@/lib/api/export';
import { searcherOf } from '@/lib/backend/embedded/searcher';
import type { HitStream, Searcher } from '@/lib/backend/types';
import { buildIndex } from '@/lib/indexer/builder';
import { exportFile, exportName } from '@/lib/results/export';
import { withLoopTurns } from '@/tests/helpers';

const stamp = { contentHash: 'hostile', builtAt: new Date(0) };

/** Reports whose title, source and paragraphs start like spreadsheet formulas. */
const formulas = searcherOf(
  buildIndex(
    [
      {
        id: 'formulas',
        title: '=HYPERLINK("http://example.invalid")',
        date: '2023-01-01',
        source: '+市政协',
        paragraphs: [
          "=cmd|' /C calc'!A0 政协",
          '+2+3 政协',
          '-4+5 政协',
          '@SUM(A1) 政协',
          '\t政协 制表符开头',
          '\r政协 回车开头',
          'a=政协b',
        ].map((text) => ({ text, section: null })),
      },
    ],
    stamp,
  ),
);

/** `n` reports of 100 paragraphs, each saying 工作 three times: a concordance three times the paragraphs. */
const collection = (n: number) =>
  searcherOf(
    buildIndex(
      Array.from({ length: n }, (_, r) => ({
        id: `many-${r}`,
        title: `报告${r}`,
        date: `20${10 + (r % 15)}-03-01`,
        source: null,
        paragraphs: Array.from({ length: 100 }, (_, k) => ({
          text: `第${k}项工作按期完成，工作编号${r}-${k}，工作有序。`,
          section: null,
        })),
      })),
      stamp,
    ),
  );
const many = collection(40);

/** A searcher whose hit streams count the batches read from them. */
function counting(searcher: Searcher): { searcher: Searcher; batches: () => number; closed: () => boolean } {
  let read = 0;
  let closed = false;
  const wrapped = Object.create(searcher) as Searcher;
  wrapped.hits = async (request) => {
    const stream = await searcher.hits(request);
    async function* batches() {
      for await (const batch of stream.batches) {
        read++;
        yield batch;
      }
    }
    return {
      total: stream.total,
      batches: batches(),
      close: () => {
        closed = true;
        stream.close();
      },
    } satisfies HitStream;
  };
  return { searcher: wrapped, batches: () => read, closed: () => closed };
}

const csvLines = async (searcher: Searcher, params: Record<string, string>) => {
  const file = await exportFile(searcher, parseExportRequest({ format: 'csv', ...params }), 'http://localhost');
  return (await new Response(file.body).text()).slice(1).trimEnd().split('\r\n');
};

describe('an export as a hostile client meets it', () => {
  it('writes no CSV cell a spreadsheet reads as a formula, in either view', async () => {
    const lines = await csvLines(formulas, { q: '政协' });
    const body = lines.slice(1).join('\n');
    expect(body).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    expect(body).toContain("'+市政协");
    for (const cell of ["'=cmd|' /C calc'!A0 政协", "'+2+3 政协", "'-4+5 政协", "'@SUM(A1) 政协", "'\t政协"])
      expect(body).toContain(cell);
    // No cell starts with a formula character unless the apostrophe is before it (no cell here holds a comma).
    const cells = lines.slice(1).flatMap((l) => l.split(','));
    expect(cells.filter((c) => /^"?[=+\-@\t\r]/.test(c))).toEqual([]);
    // In a concordance the requester cuts the cells: width=1 before 政协 in a=政协b is the cell "=".
    const kwic = await csvLines(formulas, { q: '政协', view: 'kwic', width: '1' });
    const left = kwic[0]!.split(',').indexOf('left');
    expect(kwic.map((l) => l.split(',')[left])).toContain("'=");
    expect(
      kwic
        .slice(1)
        .map((l) => l.split(',')[left])
        .filter((c) => c === '='),
    ).toEqual([]);
  });

  it('names the file without format characters (a right-to-left override would show another extension)', () => {
    const name = exportName(parseExportRequest({ q: '\u202Eexe.txt', format: 'csv' }));
    expect(name).toBe('检索_exe.txt.csv');
    expect(/\p{Cf}/u.test(exportName(parseExportRequest({ q: '政\u200B协\u2066x\u2069', format: 'csv' })))).toBe(false);
  });

  it('ends a file at its rows with a row that says so, in every format', async () => {
    const request = parseExportRequest({ q: '工作', view: 'kwic', format: 'jsonl' });
    const file = await exportFile(many, request, '', { rows: 1000 });
    const lines = (await new Response(file.body).text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1001);
    expect(lines.at(-1)).toMatchObject({ truncated: true, rows: 1000 });
    expect(lines.at(-1).message).toMatch(/导出在第 1000 行截止/);
    const csv = await exportFile(many, parseExportRequest({ q: '工作', view: 'kwic' }), '', { rows: 700 });
    const rows = (await new Response(csv.body).text()).trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 700 + 1);
    expect(rows.at(-1)).toMatch(/导出在第 700 行截止/);
    const xlsx = await exportFile(many, parseExportRequest({ q: '工作', view: 'kwic', format: 'xlsx' }), '', {
      rows: 300,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await new Response(xlsx.body).arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(1 + 300 + 1);
  });

  it('ends a file at its characters too', async () => {
    const file = await exportFile(many, parseExportRequest({ q: '工作', format: 'jsonl' }), '', { chars: 20_000 });
    const lines = (await new Response(file.body).text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ truncated: true });
    expect(lines.length).toBeLessThan(4000);
  });

  it('builds an XLSX only as fast as its reader reads: a client that reads nothing holds a batch, not the file', async () => {
    const probe = counting(collection(200));
    const file = await exportFile(probe.searcher, parseExportRequest({ q: '工作', view: 'kwic', format: 'xlsx' }), '');
    const reader = file.body.getReader();
    await reader.read();
    const made = [];
    for (let k = 0; k < 5; k++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      made.push(probe.batches());
    }
    // 79 batches of 256 hits make the whole export; unread, what the zip's buffers hold, and no more.
    expect(made.at(-1)).toBeLessThanOrEqual(16);
    expect(made.at(-1)).toBe(made.at(-3));
    await reader.cancel();
    expect(probe.closed()).toBe(true);
  });

  it('lets the event loop run between batches however fast the reader is', async () => {
    for (const format of ['csv', 'jsonl', 'xlsx'] as const) {
      const file = await exportFile(many, parseExportRequest({ q: '工作', view: 'kwic', format }), '');
      const { turns } = await withLoopTurns(() => new Response(file.body).arrayBuffer());
      // 4,000 hits are 16 batches: the loop had a turn between each two of them.
      expect(turns, format).toBeGreaterThanOrEqual(15);
    }
  });
});
