import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { GET as openapi } from '@/app/api/openapi.json/route';
import { GET as trendRoute } from '@/app/api/trend/route';
import { buildIndex } from '@/lib/indexer/builder';
import { trendResponseSchema } from '@/lib/serve/schema';
import { swapSearchIndex } from '@/lib/serve/store';
import type { ErrorResponse, TrendResponse } from '@/lib/serve/types';
import { archive } from '@/tests/fixtures/archive';

const get = async (route: (r: Request) => Response, path: string, headers: Record<string, string> = {}) => {
  const response = route(new Request(`http://localhost${path}`, { headers }));
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

  it('is in OpenAPI, with the schema the type follows', async () => {
    expectTypeOf<z.infer<typeof trendResponseSchema>>().toEqualTypeOf<TrendResponse>();
    const doc = await openapi().json();
    const names = doc.paths['/api/trend'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['q', 'by', 'from', 'to', 'region', 'level', 'kind', 'source']));
  });
});
