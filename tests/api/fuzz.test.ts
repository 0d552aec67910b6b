import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GET as compareRoute } from '@/app/api/compare/route';
import { GET as exportRoute } from '@/app/api/export/route';
import { GET } from '@/app/api/search/route';
import { GET as similarRoute } from '@/app/api/similar/route';
import { GET as trendRoute } from '@/app/api/trend/route';
import type { SearchResponse } from '@/lib/api/search';
import { encodeAnything, hostileString, onlyMarkTags } from '@/tests/arbitraries';

describe('GET /api/search under hostile input', () => {
  it('never answers 500, always JSON, highlights in bounds, snippets escaped', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(), fc.option(hostileString(8)), async (q, limit) => {
        const url = `http://localhost/api/search?q=${encodeAnything(q)}${limit === null ? '' : `&limit=${encodeAnything(limit)}`}`;
        const res = await GET(new Request(url));
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        const body = (await res.json()) as SearchResponse & {
          error?: { code: string; message: string; position?: number };
        };
        if (res.status !== 200) {
          const { position, ...rest } = body.error!;
          expect(rest).toEqual({ code: expect.any(String), message: expect.any(String) });
          // A refused expert query points into the query as received.
          if (position !== undefined) expect(position >= 0 && position <= (q.toWellFormed?.() ?? q).length).toBe(true);
          return;
        }
        for (const hit of body.hits) {
          for (const r of hit.highlights)
            expect(0 <= r.start && r.start < r.end && r.end <= hit.text.length).toBe(true);
          expect(onlyMarkTags(hit.snippet)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('GET /api/compare and /api/similar under hostile input', () => {
  it('never answer 500: a 200, a 400 or a 404, always JSON in the one error shape', async () => {
    const routes = { compare: compareRoute, similar: similarRoute };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('compare' as const, 'similar' as const),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'report', 'paragraph', 'limit', 'x'), hostileString(8)), {
          maxLength: 4,
        }),
        async (route, params) => {
          const query = params.map(([k, v]) => `${k}=${encodeAnything(v)}`).join('&');
          const res = await routes[route](new Request(`http://localhost/api/${route}?${query}`));
          expect([200, 400, 404]).toContain(res.status);
          expect(res.headers.get('content-type')).toMatch(/application\/json/);
          if (res.status !== 200)
            expect((await res.json()).error).toEqual({ code: expect.any(String), message: expect.any(String) });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the collection’s parameters under hostile input', () => {
  it('search, trend and export never answer 500: a 200 or a 400 in the one error shape', async () => {
    const routes = { search: GET, trend: trendRoute, export: exportRoute };
    const names = [
      'q',
      'from',
      'to',
      'region',
      'level',
      'kind',
      'source',
      'sort',
      'group',
      'by',
      'format',
      'view',
      'width',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('search' as const, 'trend' as const, 'export' as const),
        fc.array(
          fc.tuple(
            fc.constantFrom(...names),
            fc.oneof(
              hostileString(12),
              fc.constantFrom(
                '2023',
                '2023-02-30',
                '0000',
                '9999-12-31',
                'newest',
                'report',
                'kwic',
                'csv',
                'xlsx',
                '市',
              ),
            ),
          ),
          {
            maxLength: 6,
          },
        ),
        async (route, params) => {
          const query = ['q=政协', ...params.map(([k, v]) => `${k}=${encodeAnything(v)}`)].join('&');
          const res = await routes[route](new Request(`http://localhost/api/${route}?${query}`));
          expect([200, 400]).toContain(res.status);
          if (res.status !== 200) {
            expect(res.headers.get('content-type')).toMatch(/application\/json/);
            const { position, ...rest } = (await res.json()).error;
            void position;
            expect(rest).toEqual({ code: expect.any(String), message: expect.any(String) });
          } else await res.arrayBuffer();
        },
      ),
      { numRuns: 200 },
    );
  });
});
