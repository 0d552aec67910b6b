import { describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET } from '@/app/api/search/route';
import type { ErrorResponse } from '@/lib/api/errors';
import type { HealthResponse } from '@/lib/api/health';
import type { SearchResponse } from '@/lib/api/search';

const call = async (query: string) => {
  const res = await GET(new Request(`http://localhost/api/search${query}`));
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as unknown };
};
const ok = async (query: string) => {
  const { status, body } = await call(query);
  expect(status).toBe(200);
  return body as SearchResponse;
};
const fails = async (query: string, code: string) => {
  const { status, type, body } = await call(query);
  expect(status).toBe(400);
  expect(type).toMatch(/application\/json/);
  expect((body as ErrorResponse).error.code).toBe(code);
  expect((body as ErrorResponse).error.message).toEqual(expect.any(String));
};

describe('GET /api/search', () => {
  it('finds 书香政协 with every field of the contract', async () => {
    const body = await ok(`?q=${encodeURIComponent('书香政协')}`);
    expect(body).toMatchObject({ query: '书香政协', total: 1, offset: 0, limit: 10, partial: false });
    expect(body.tookMs).toEqual(expect.any(Number));
    const hit = body.hits[0]!;
    expect(hit.url).toMatch(new RegExp(`^/reports/ziyang-cppcc-2022\\?q=[^#]+#${hit.id}$`));
    expect(hit.doc).toEqual({
      id: 'ziyang-cppcc-2022',
      title: '百舸争流万山过——资阳市政协2022年工作综述',
      date: '2023-01-01',
      source: '主站',
      region: '四川省资阳市',
      level: '市',
      kind: '综述',
      year: 2022,
    });
    expect(hit.section).toBe('创先争优树品牌');
    expect(hit.highlights.length).toBeGreaterThanOrEqual(2);
    for (const r of hit.highlights) expect(hit.text.slice(r.start, r.end)).toBe('书香政协');
    expect(hit.snippet).toContain('<mark>书香政协</mark>');
    expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    expect(hit.score).toBeGreaterThan(0);
  });

  it('pages with limit and offset while total counts everything', async () => {
    const all = await ok(`?q=${encodeURIComponent('政协')}&limit=100`);
    const page = await ok(`?q=${encodeURIComponent('政协')}&limit=5&offset=5`);
    expect(page.total).toBe(all.total);
    expect(page.hits.map((h) => h.id)).toEqual(all.hits.slice(5, 10).map((h) => h.id));
  });

  it('answers a blank query with 200 and no hits', async () => {
    expect(await ok('?q=%20%20')).toMatchObject({ total: 0, hits: [] });
  });

  it('refuses a missing q with 400', () => fails('', 'missing_query'));
  it('refuses a q over 200 characters with 400', () => fails(`?q=${'政'.repeat(201)}`, 'invalid_query'));
  it('refuses more than 10 terms with 400', () =>
    fails(`?q=${Array.from({ length: 11 }, (_, i) => `t${i}`).join('+')}`, 'too_many_terms'));
  it('answers an expert query with its tree and how it was read', async () => {
    const body = await ok(`?q=${encodeURIComponent('(书香 OR 品牌) -政协工作')}`);
    expect(body.reading).toBe('((书香 OR 品牌) AND NOT 政协工作)');
    expect(body.tree![0]).toEqual({ op: 'and', children: [1, 4] });
    expect(body.terms.map((t) => `${t.kind}:${t.text}`)).toEqual(['term:书香', 'term:品牌', 'exclude:政协工作']);
    expect(body.total).toBeGreaterThan(0);
    for (const hit of body.hits) expect(hit.text).not.toContain('政协工作');
    expect((await ok(`?q=${encodeURIComponent('书香 品牌')}`)).tree).toBeUndefined();
  });
  it('refuses a malformed expert query with 400, the place in q, and a message', async () => {
    const { status, body } = await call(`?q=${encodeURIComponent('政协 OR')}`);
    expect(status).toBe(400);
    expect((body as ErrorResponse).error).toEqual({
      code: 'missing_operand',
      position: 3,
      message: expect.stringMatching(/第 4 个字符/),
    });
  });
  it('refuses limit 0', () => fails('?q=x&limit=0', 'invalid_limit'));
  it('refuses limit 101', () => fails('?q=x&limit=101', 'invalid_limit'));
  it('refuses a non-integer limit', () => fails('?q=x&limit=1.5', 'invalid_limit'));
  it('refuses a negative offset', () => fails('?q=x&offset=-1', 'invalid_offset'));
  it('refuses a non-numeric offset', () => fails('?q=x&offset=abc', 'invalid_offset'));
  it('refuses malformed percent-encoding', () => fails('?q=%E4%B8', 'bad_encoding'));
  it('refuses an invalid escape', () => fails('?q=%ZZ', 'bad_encoding'));
  it('refuses an encoded lone surrogate', () => fails('?q=%ED%A0%80', 'bad_encoding'));

  it('ignores unknown parameters and takes the first of repeated ones', async () => {
    const body = await ok(`?q=${encodeURIComponent('43户')}&q=zzz&debug=1`);
    expect(body.query).toBe('43户');
    expect(body.total).toBe(2);
  });
});

describe('filters and facets', () => {
  it('counts matches by report and section, and filters by either', async () => {
    const all = await ok(`?q=${encodeURIComponent('品牌')}`);
    expect(all.facets.reports).toEqual([{ id: 'ziyang-cppcc-2022', title: expect.any(String), count: all.total }]);
    const brands = all.facets.sections.find((s) => s.section === '创先争优树品牌')!;
    expect(brands.count).toBeGreaterThan(0);
    // 品牌 is also in the introduction, before the first heading, which is no section.
    expect(all.facets.sections.reduce((n, s) => n + s.count, 0)).toBe(all.total - 1);

    const filtered = await ok(`?q=${encodeURIComponent('品牌')}&section=${encodeURIComponent('创先争优树品牌')}`);
    expect(filtered.total).toBe(brands.count);
    expect(filtered.hits.every((h) => h.section === '创先争优树品牌')).toBe(true);
    expect(filtered.facets).toEqual(all.facets);
    expect(filtered.filters).toMatchObject({ report: null, section: '创先争优树品牌' });

    expect((await ok(`?q=${encodeURIComponent('品牌')}&report=other-report`)).total).toBe(0);
  });

  it('refuses an overlong filter', () => fails(`?q=x&report=${'a'.repeat(101)}`, 'invalid_report'));
});

describe('filters on report fields and date order', () => {
  const q = `?q=${encodeURIComponent('政协')}`;
  it('refuses a day that does not exist', () => fails(`${q}&from=2023-02-30`, 'invalid_date'));
  it('refuses a month 13', () => fails(`${q}&to=2023-13`, 'invalid_date'));
  it('refuses a date in another form', () => fails(`${q}&from=2023/01/01`, 'invalid_date'));
  it('refuses from after to, naming both', async () => {
    await fails(`${q}&from=2023&to=2022-06`, 'invalid_date');
    const { body } = await call(`${q}&from=2023-05-02&to=2023-05-01`);
    expect((body as ErrorResponse).error.message).toBe('from (2023-05-02) is after to (2023-05-01)');
  });
  it('refuses an unknown sort', () => fails(`${q}&sort=popular`, 'invalid_sort'));
  it('refuses an unknown level', () => fails(`${q}&level=${encodeURIComponent('乡')}`, 'invalid_filter'));
  it('refuses a facet value too long', () => fails(`${q}&region=${'川'.repeat(101)}`, 'invalid_filter'));
  it('refuses a facet given too often', () => fails(`${q}${'&kind=x'.repeat(21)}`, 'invalid_filter'));
  it('matches nothing for a well-formed value no report has, and still offers the facets', async () => {
    const body = await ok(`${q}&region=${encodeURIComponent('海东省')}`);
    expect(body.total).toBe(0);
    expect(body.facets.regions).toEqual([{ value: '四川省资阳市', count: expect.any(Number) }]);
  });
  it('takes repeated values as OR, the same day as from and to, and says what it applied', async () => {
    const body = await ok(
      `${q}&region=${encodeURIComponent('海东省')}&region=${encodeURIComponent('四川省')}&from=2022&to=2022&sort=newest`,
    );
    const all = await ok(q);
    expect(body.total).toBe(all.total);
    expect(body.filters).toMatchObject({ regions: ['海东省', '四川省'], from: '2022', to: '2022' });
    expect(body.sort).toBe('newest');
    expect(body.facets.years).toEqual([{ value: '2022', count: all.total }]);
    expect(body.hits[0]!.doc).toMatchObject({ region: '四川省资阳市', level: '市', kind: '综述', year: 2022 });
  });
});

describe('GET /api/health', () => {
  it('reports the index size and build time', async () => {
    const res = await health(new Request('http://localhost/api/health'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthResponse;
    expect(body).toMatchObject({ status: 'ok', documents: 1, paragraphs: 28 });
    expect(Date.parse(body.builtAt!)).not.toBeNaN();
  });

  it('answers the liveness probe without looking at the index', async () => {
    const res = await health(new Request('http://localhost/api/health?probe=live'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'live' });
  });
});
