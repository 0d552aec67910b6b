import { describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET as openapi } from '@/app/api/openapi.json/route';
import { GET as searchRoute } from '@/app/api/search/route';
import { errorResponseSchema } from '@/lib/api/errors';
import { healthResponseSchema } from '@/lib/api/health';
import { GRAMMAR } from '@/lib/api/language';
import { searchResponseSchema } from '@/lib/api/search';

const json = async (url: string, route = searchRoute) => (await route(new Request(url))).json();

describe('the response schemas', () => {
  it('accept real responses, and nothing more than they declare', async () => {
    const ok = await json('http://localhost/api/search?q=' + encodeURIComponent('书香政协 -天然气'));
    expect(searchResponseSchema.safeParse(ok).success).toBe(true);
    expect(searchResponseSchema.safeParse({ ...ok, extra: 1 }).success).toBe(false);
    expect(errorResponseSchema.safeParse(await json('http://localhost/api/search')).success).toBe(true);
    expect(healthResponseSchema.safeParse(await json('http://localhost/api/health', health)).success).toBe(true);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes the search parameters from the validating schema', async () => {
    const doc = await json('http://localhost/api/openapi.json', openapi);
    expect(doc.openapi).toBe('3.1.0');
    const params = doc.paths['/api/search'].get.parameters;
    expect(params.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([
      ['q', true],
      ['limit', false],
      ['offset', false],
      ['report', false],
      ['section', false],
      ['from', false],
      ['to', false],
      ['region', false],
      ['level', false],
      ['kind', false],
      ['source', false],
      ['sort', false],
      ['group', false],
    ]);
    expect(params.every((p: { description?: string }) => p.description)).toBe(true);
    const q = params.find((p: { name: string }) => p.name === 'q');
    expect(q.description ?? q.schema.description).toContain(GRAMMAR);
    const hit = doc.paths['/api/search'].get.responses[200].content['application/json'].schema.properties.hits.items;
    expect(Object.keys(hit.properties)).toEqual(
      expect.arrayContaining(['id', 'url', 'text', 'snippet', 'highlights', 'score', 'doc', 'section']),
    );
  });
});

describe('caching', () => {
  const url = 'http://localhost/api/search?q=' + encodeURIComponent('政协');
  it('sends an ETag and Cache-Control, and 304 for a matching If-None-Match', async () => {
    const first = await searchRoute(new Request(url));
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{20}"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const again = await searchRoute(new Request(url, { headers: { 'If-None-Match': `W/${etag}, "other"` } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('gives another query or page another ETag', async () => {
    const etag = async (u: string) => (await searchRoute(new Request(u))).headers.get('etag');
    expect(await etag(url)).not.toBe(await etag(url + '&offset=10'));
    expect(await etag(url)).not.toBe(await etag('http://localhost/api/search?q=' + encodeURIComponent('资阳')));
  });
});
