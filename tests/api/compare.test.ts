import { beforeAll, describe, expect, it } from 'vitest';
import { GET as compareRoute } from '@/app/api/compare/route';
import { GET as openapi } from '@/app/api/openapi.json/route';
import { GET as similarRoute } from '@/app/api/similar/route';
import { buildIndex } from '@/lib/indexer/builder';
import { swapSearchIndex } from '@/lib/backend/embedded/holder';
import {
  compareResponseSchema,
  similarResponseSchema,
  type CompareResponse,
  type SimilarResponse,
} from '@/lib/api/compare';
import {
  DROPPED,
  FIGURES_2022,
  FIGURES_2023,
  MERGED,
  MOVED,
  NEW,
  PLANTED,
  twoYears,
  WHOLE,
} from '@/tests/fixtures/two-years';

const get = (route: (r: Request) => Promise<Response>, path: string) => route(new Request(`http://localhost${path}`));
const compare = async (query: string) => {
  const response = await get(compareRoute, `/api/compare?${query}`);
  return { status: response.status, body: await response.json() };
};

beforeAll(() => {
  swapSearchIndex(buildIndex(twoYears(), { contentHash: 'test', builtAt: new Date('2024-01-01T00:00:00Z') }));
});

describe('GET /api/compare', () => {
  it("aligns last year's report with this year's: counts, pairs by id, changed figures", async () => {
    const { status, body } = await compare('a=qingxi-2022&b=qingxi-2023');
    expect(status).toBe(200);
    const r = body as CompareResponse;
    expect(r.summary).toMatchObject({ same: 3, changed: 5, new: 1, dropped: 1 });
    expect(r.summary.figures.map((f) => [f.a, f.b])).toEqual([
      ['7.5%', '7%'],
      ['12.6亿元', '13.1亿元'],
      ['412件', '455件'],
    ]);
    const text = (side: 'a' | 'b', id: string | null) => r.paragraphs[side].find((p) => p.id === id)?.text ?? null;
    const lines = r.pairs.map((p) => [text('a', p.a), text('b', p.b), p.status]);
    expect(lines).toContainEqual([FIGURES_2022, FIGURES_2023, 'changed']);
    expect(lines).toContainEqual([DROPPED, null, 'dropped']);
    expect(lines).toContainEqual([null, NEW, 'new']);
    expect(lines.filter(([a]) => a === WHOLE)).toHaveLength(2);
    expect(lines.filter(([, b]) => b === MERGED)).toHaveLength(2);
    expect(r.pairs.find((p) => text('b', p.b) === MOVED)).toMatchObject({ status: 'same', moved: true });
    const figures = r.pairs[r.summary.figures[0]!.pair]!;
    expect(text('b', figures.b)).toBe(FIGURES_2023);
    expect(figures.added.map((x) => FIGURES_2023.slice(x.start, x.end))).toContain('7%');
    expect(r.paragraphs.b[0]!.url).toBe(`/reports/qingxi-2023/${r.paragraphs.b[0]!.id}`);
    expect(compareResponseSchema.safeParse(body).success).toBe(true);
  });

  it('finds a report the same as itself', async () => {
    const { body } = await compare('a=qingxi-2023&b=qingxi-2023');
    expect((body as CompareResponse).summary).toMatchObject({ same: 8, changed: 0, new: 0, dropped: 0, figures: [] });
  });

  it('answers 404 naming the report that does not exist, and 400 for one not given', async () => {
    expect(await compare('a=qingxi-2022&b=nowhere')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'no report has the id "nowhere" (b)' } },
    });
    const missing = await compare('a=qingxi-2022');
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_b');
  });
});

describe('GET /api/similar', () => {
  const idOf = async (report: string, text: string) =>
    (
      (await (await get(compareRoute, `/api/compare?a=${report}&b=${report}`)).json()) as CompareResponse
    ).paragraphs.a.find((p) => p.text === text)!.id;

  it("lists the paragraphs of other reports that say nearly the same, the neighbour's copy among them", async () => {
    const id = await idOf('qingxi-2023', MOVED);
    const response = await get(similarRoute, `/api/similar?report=qingxi-2023&paragraph=${id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as SimilarResponse;
    expect(body.hits.map((h) => [h.report.id, h.text])).toEqual([
      ['qingxi-2022', MOVED],
      ['shiqiao-2023', PLANTED],
    ]);
    expect(body.hits[0]!.similarity).toBe(1);
    expect(body.hits[1]!.similarity).toBeGreaterThanOrEqual(body.threshold);
    expect(body.paragraph.text).toBe(MOVED);
    expect(similarResponseSchema.safeParse(body).success).toBe(true);
  });

  it('answers 404 for a paragraph its report does not have, and 400 for a bad limit', async () => {
    const missing = await get(similarRoute, '/api/similar?report=qingxi-2023&paragraph=p-0000000000');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe('report "qingxi-2023" has no paragraph "p-0000000000"');
    const id = await idOf('qingxi-2023', MOVED);
    const bad = await get(similarRoute, `/api/similar?report=qingxi-2023&paragraph=${id}&limit=0`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_limit');
  });
});

describe('caching a comparison', () => {
  it('sends an ETag and Cache-Control, and 304 for a matching If-None-Match', async () => {
    const url = 'http://localhost/api/compare?a=qingxi-2022&b=qingxi-2023';
    const first = await compareRoute(new Request(url));
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{20}"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect((await compareRoute(new Request(url, { headers: { 'If-None-Match': etag } }))).status).toBe(304);
    const other = await compareRoute(new Request('http://localhost/api/compare?a=qingxi-2023&b=qingxi-2022'));
    expect(other.headers.get('etag')).not.toBe(etag);
  });
});

describe('the comparison contract', () => {
  it('is described in OpenAPI', async () => {
    const doc = await (await openapi(new Request('http://localhost/api/openapi.json'))).json();
    const names = (path: string) => doc.paths[path].get.parameters.map((p: { name: string }) => p.name);
    expect(names('/api/compare')).toEqual(['a', 'b']);
    expect(names('/api/similar')).toEqual(['report', 'paragraph', 'limit']);
    expect(Object.keys(doc.paths['/api/compare'].get.responses)).toContain('404');
  });
});
