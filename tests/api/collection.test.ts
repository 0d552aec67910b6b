import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { GET as exportRoute } from '@/app/api/export/route';
import { GET as openapi } from '@/app/api/openapi.json/route';
import { GET as trendRoute } from '@/app/api/trend/route';
import { literalScan } from '@/lib/eval/literal-scan';
import { buildIndex } from '@/lib/indexer/builder';
import { parseExportRequest } from '@/lib/api/export';
import { trendResponseSchema, type TrendResponse } from '@/lib/api/trend';
import { HIT_BATCH } from '@/lib/backend/embedded/hits';
import { searcherOf } from '@/lib/backend/embedded/searcher';
import { exportFile } from '@/lib/results/export';
import { getSearchIndex, swapSearchIndex } from '@/lib/backend/embedded/holder';
import type { ErrorResponse } from '@/lib/api/errors';
import { archive, ARCHIVE_REPORTS, passes, type Options } from '@/tests/fixtures/archive';

const get = async (route: (r: Request) => Promise<Response>, path: string, headers: Record<string, string> = {}) => {
  const response = await route(new Request(`http://localhost${path}`, { headers }));
  return { response, status: response.status, body: response.status === 304 ? null : await response.json() };
};
const e = encodeURIComponent;

beforeAll(() => {
  swapSearchIndex(buildIndex(archive(), { contentHash: 'archive', builtAt: new Date('2024-01-01T00:00:00Z') }));
});

describe('GET /api/trend', () => {
  it('answers each query per year with the contract, and an ETag', async () => {
    const { status, body, response } = await get(trendRoute, `/api/trend?q=${e('乡村振兴')}&q=${e('脱贫攻坚')}`);
    expect(status).toBe(200);
    expect(trendResponseSchema.safeParse(body).success).toBe(true);
    const r = body as TrendResponse;
    expect(r.by).toBe('year');
    expect(r.series.map((s) => s.q)).toEqual(['乡村振兴', '脱贫攻坚']);
    expect(r.series[0]!.buckets.map((b) => b.key)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    const etag = response.headers.get('etag')!;
    expect(
      (await get(trendRoute, `/api/trend?q=${e('乡村振兴')}&q=${e('脱贫攻坚')}`, { 'if-none-match': etag })).status,
    ).toBe(304);
  });

  it('honours the filters and by', async () => {
    const { body } = await get(trendRoute, `/api/trend?q=${e('工作')}&by=kind&region=${e('海东省')}`);
    const r = body as TrendResponse;
    expect(r.filters.regions).toEqual(['海东省']);
    expect(r.series[0]!.buckets.map((b) => b.key)).toEqual(['人大常委会工作报告', '政协工作报告', '政府工作报告']);
  });

  it.each([
    ['', 'missing_query'],
    [`?q=${e('工作')}&by=month`, 'invalid_by'],
    [`?q=${e('工作')}&from=2023-02-30`, 'invalid_date'],
    [`?q=${e('工作')}&from=2024&to=2023`, 'invalid_date'],
    [`?${Array.from({ length: 7 }, (_, k) => `q=${k}`).join('&')}`, 'invalid_query'],
    [`?q=${e('工作')}&q=${e('工作 OR')}`, 'missing_operand'],
  ])('refuses %s with a 400 and its code', async (query, code) => {
    const { status, body } = await get(trendRoute, `/api/trend${query}`);
    expect(status).toBe(400);
    expect((body as ErrorResponse).error.code).toBe(code);
  });

  it('says which of several queries it refuses, and where in it', async () => {
    const { body } = await get(trendRoute, `/api/trend?q=${e('工作')}&q=${e('工作 OR')}`);
    expect((body as ErrorResponse).error.message).toMatch(/^q 2 of 2 \("工作 OR"\): /);
    expect((body as ErrorResponse).error.position).toBe(3);
  });

  it('is in OpenAPI', async () => {
    const doc = await (await openapi(new Request('http://localhost/api/openapi.json'))).json();
    const names = doc.paths['/api/trend'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['q', 'by', 'from', 'to', 'region', 'level', 'kind', 'source']));
  });
});

describe('GET /api/export', () => {
  const download = async (query: string) => {
    const response = await exportRoute(
      new Request(`http://localhost/api/export?${query}`, { headers: { host: 'example.org' } }),
    );
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const scanned = (q: string, o: Options = {}) => {
    const index = getSearchIndex();
    const norms = Array.from({ length: index.paragraphs.count }, (_, i) => index.paragraphs.norm(i));
    return literalScan(norms, q).filter((id) => passes(ARCHIVE_REPORTS[index.paragraphs.columns.report[id]!]!, o));
  };

  it('writes CSV with a BOM and a header, a row for every hit under the filters, named for what was searched', async () => {
    const { response, bytes } = await download(`q=${e('乡村振兴')}&from=2021&to=2023&region=${e('江南省')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = response.headers.get('content-disposition')!;
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe(
      '检索_乡村振兴_2021-2023_江南省.csv',
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('report,title,date,year,region,level,kind,source,section,paragraph,url,occurrences,text');
    const expected = scanned('乡村振兴', { from: '2021', to: '2023', region: ['江南省'] });
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines[1]).toMatch(/^[a-z0-9-]+,.+,https?:\/\/example\.org\/reports\/[^,]+\?q=/);
  });

  it('writes JSON Lines, one object per hit, in the order asked; a concordance has a line per occurrence', async () => {
    const rows = (b: Buffer) =>
      b
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string | number | null>);
    const { bytes } = await download(`q=${e('营商环境')}&format=jsonl&sort=newest`);
    const paragraphs = rows(bytes);
    expect(paragraphs).toHaveLength(scanned('营商环境').length);
    const dates = paragraphs.map((r) => String(r.date ?? ''));
    expect(dates.filter(Boolean)).toEqual([...dates.filter(Boolean)].sort().reverse());
    const { bytes: kwicBytes } = await download(`q=${e('营商环境')}&format=jsonl&view=kwic&width=5`);
    const kwic = rows(kwicBytes);
    const occurrences = paragraphs.reduce((n, r) => n + Number(r.occurrences), 0);
    expect(kwic).toHaveLength(occurrences);
    expect(kwic.length).toBeGreaterThan(paragraphs.length); // some paragraphs say it twice
    for (const line of kwic) {
      expect(line.match).toBe('营商环境');
      expect(Array.from(String(line.left)).length).toBeLessThanOrEqual(5);
      expect(Array.from(String(line.right)).length).toBeLessThanOrEqual(5);
    }
  });

  it('writes an XLSX workbook that Excel (exceljs here) reads back whole', async () => {
    const { response, bytes } = await download(`q=${e('工作')}&format=xlsx&kind=${e('政府工作报告')}`);
    expect(response.headers.get('content-type')).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('report');
    expect(sheet.rowCount).toBe(scanned('工作', { kind: ['政府工作报告'] }).length + 1);
  });

  it('streams: the first chunk is one batch of rows, not the whole export', async () => {
    const file = await exportFile(
      searcherOf(buildIndex(manyReports(40), { contentHash: 'many', builtAt: new Date(0) })),
      parseExportRequest({ q: '工作', format: 'jsonl' }),
      'http://localhost',
    );
    expect(Number(file.headers['X-Total-Count'])).toBeGreaterThan(3000);
    const reader = file.body.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.trimEnd().split('\n')).toHaveLength(HIT_BATCH);
    await reader.cancel();
  });

  it('cuts a concordance line’s context by whole characters, never half a surrogate pair', async () => {
    const index = buildIndex(
      [
        {
          id: 'rare',
          title: '生僻字',
          date: null,
          source: null,
          paragraphs: [{ text: '𠀀𠀁政协𠀂𠀃', section: null }],
        },
      ],
      { contentHash: 'rare', builtAt: new Date(0) },
    );
    const file = await exportFile(
      searcherOf(index),
      parseExportRequest({ q: '政协', format: 'jsonl', view: 'kwic', width: '1' }),
      '',
    );
    const [line] = (await new Response(file.body).text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect([line.left, line.match, line.right]).toEqual(['𠀁', '政协', '𠀂']);
  });

  it('refuses an export beyond the maximum with a message that says how to narrow it', async () => {
    await expect(
      exportFile(searcherOf(getSearchIndex()), parseExportRequest({ q: '工作' }), 'http://localhost', { hits: 5 }),
    ).rejects.toThrow(/matches \d+ paragraphs; an export holds at most 5: narrow it with from, to, region/);
  });

  it('is in OpenAPI with every parameter described', async () => {
    const doc = await (await openapi(new Request('http://localhost/api/openapi.json'))).json();
    const params = doc.paths['/api/export'].get.parameters as { name: string; description?: string }[];
    expect(params.map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'format', 'view', 'width', 'sort', 'from', 'region']),
    );
    expect(params.every((p) => p.description)).toBe(true);
  });

  it.each([
    [`q=${e('工作')}&format=pdf`, 'invalid_format'],
    [`q=${e('工作')}&view=table`, 'invalid_view'],
    [`q=${e('工作')}&width=0`, 'invalid_width'],
    [`q=${e('工作')}&sort=random`, 'invalid_sort'],
    ['format=csv', 'missing_query'],
  ])('refuses %s with a 400 in JSON', async (query, code) => {
    const { response, bytes } = await download(query);
    expect(response.status).toBe(400);
    expect(JSON.parse(bytes.toString()).error.code).toBe(code);
  });
});

/** A made-up collection big enough for several batches: n reports of a hundred paragraphs. */
function manyReports(n: number) {
  return Array.from({ length: n }, (_, r) => ({
    id: `many-${r}`,
    title: `报告${r}`,
    date: `20${10 + (r % 15)}-03-01`,
    source: null,
    paragraphs: Array.from({ length: 100 }, (_, k) => ({
      text: `第${k}项工作按期完成，编号${r}-${k}。`,
      section: null,
    })),
  }));
}
