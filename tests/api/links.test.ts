import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { GET as cite } from '@/app/api/cite/route';
import { GET as search } from '@/app/api/search/route';
import { GET as openSearch } from '@/app/opensearch.xml/route';
import { GET as robots } from '@/app/robots.txt/route';
import { GET as sitemap } from '@/app/sitemap.xml/route';
import { GET as sitemapFile } from '@/app/sitemaps/[file]/route';
import type { ErrorResponse } from '@/lib/api/errors';
import type { SearchResponse } from '@/lib/api/search';

const at = (path: string) =>
  new Request(`http://search.example.org${path}`, { headers: { host: 'search.example.org' } });

describe('GET /opensearch.xml', () => {
  it('is an OpenSearch 1.1 description whose template searches the page', async () => {
    const res = await openSearch(at('/opensearch.xml'));
    expect(res.headers.get('content-type')).toMatch(/^application\/opensearchdescription\+xml/);
    const $ = load(await res.text(), { xml: true });
    const root = $('OpenSearchDescription');
    expect(root.attr('xmlns')).toBe('http://a9.com/-/spec/opensearch/1.1/');
    // The spec's limits: ShortName at most 16 characters, Description at most 1024, no markup.
    const shortName = root.children('ShortName').text();
    expect(shortName.length).toBeGreaterThan(0);
    expect(shortName.length).toBeLessThanOrEqual(16);
    expect(root.children('Description').text().length).toBeLessThanOrEqual(1024);
    expect(root.children('InputEncoding').text()).toBe('UTF-8');
    const html = root.children('Url[type="text/html"]');
    expect(html.attr('template')).toBe('https://search.example.org/?q={searchTerms}');
    for (const url of root.children('Url').toArray())
      expect($(url).attr('template')).toMatch(/^https:\/\/search\.example\.org\//);
  });
});

describe('GET /robots.txt', () => {
  it('lets crawlers have the pages and reports, not the API, and names the sitemap', async () => {
    expect(await (await robots(at('/robots.txt'))).text()).toBe(
      'User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: https://search.example.org/sitemap.xml\n',
    );
  });
});

describe('GET /sitemap.xml', () => {
  it('lists the search page and every report page with its last-modified date', async () => {
    const res = await sitemap(at('/sitemap.xml'));
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const $ = load(await res.text(), { xml: true });
    expect(
      $('url > loc')
        .toArray()
        .map((e) => $(e).text()),
    ).toEqual(['https://search.example.org/', 'https://search.example.org/reports/ziyang-cppcc-2022']);
    expect($('url').eq(1).children('lastmod').text()).toBe('2023-01-01');
  });

  it('answers 404 for a sitemap file there is not', async () => {
    const res = await sitemapFile(at('/sitemaps/1.xml'));
    expect(res.status).toBe(404);
  });
});

describe('GET /api/cite', () => {
  it('downloads a paragraph as RIS and a report as CSL-JSON', async () => {
    const ris = await cite(at('/api/cite?report=ziyang-cppcc-2022&paragraph=p-5ba58209ce'));
    expect(ris.headers.get('content-type')).toMatch(/^application\/x-research-info-systems/);
    expect(ris.headers.get('content-disposition')).toBe('attachment; filename="ziyang-cppcc-2022-p-5ba58209ce.ris"');
    const text = await ris.text();
    expect(text).toContain('UR  - https://search.example.org/reports/ziyang-cppcc-2022/p-5ba58209ce\r\n');
    expect(text).toContain('T2  - 创先争优树品牌\r\n');
    const csl = await cite(at('/api/cite?report=ziyang-cppcc-2022&format=csl-json'));
    expect(JSON.parse(await csl.text())[0]).toMatchObject({
      type: 'webpage',
      URL: 'https://search.example.org/reports/ziyang-cppcc-2022',
    });
  });

  it('refuses what it cannot cite, in the API error shape', async () => {
    for (const [path, status, code] of [
      ['/api/cite', 400, 'invalid_report'],
      ['/api/cite?report=ziyang-cppcc-2022&format=bibtex', 400, 'invalid_format'],
      ['/api/cite?report=nope', 404, 'not_found'],
      ['/api/cite?report=ziyang-cppcc-2022&paragraph=p-0000000000', 404, 'not_found'],
    ] as const) {
      const res = await cite(at(path));
      expect(res.status).toBe(status);
      expect(((await res.json()) as ErrorResponse).error.code).toBe(code);
    }
  });
});

describe('hits', () => {
  it("carry the paragraph's own URL beside the fragment link", async () => {
    const body = (await (await search(at('/api/search?q=' + encodeURIComponent('书香政协')))).json()) as SearchResponse;
    expect(body.hits[0]!.paragraphUrl).toBe(
      `/reports/ziyang-cppcc-2022/${body.hits[0]!.id}?q=%E4%B9%A6%E9%A6%99%E6%94%BF%E5%8D%8F`,
    );
  });
});
