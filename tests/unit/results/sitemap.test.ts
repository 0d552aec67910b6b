import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/indexer/builder';
import { searcherOf } from '@/lib/backend/embedded/searcher';
import { sitemap, sitemapFiles, sitemapIndexXml, sitemapXml } from '@/lib/results/sitemap';

const reports = Array.from({ length: 7 }, (_, i) => ({
  id: `r${i}`,
  title: `报告${i}`,
  date: i === 3 ? null : `2023-01-0${i + 1}`,
  source: null,
  paragraphs: [{ text: `第${i}份报告。`, section: null }],
}));
const searcher = searcherOf(buildIndex(reports, { contentHash: 'h' }));
const locs = (xml: string) =>
  load(xml, { xml: true })('loc')
    .toArray()
    .map((e) => load(e).text());

describe('the sitemap', () => {
  it('lists the search page and every report page, with its date as last-modified', async () => {
    const xml = await sitemap(searcher, 'https://example.org');
    expect(locs(xml)).toEqual(['https://example.org/', ...reports.map((r) => `https://example.org/reports/${r.id}`)]);
    const $ = load(xml, { xml: true });
    expect($('url').eq(1).find('lastmod').text()).toBe('2023-01-01');
    expect($('url').eq(4).find('lastmod').length).toBe(0); // r3 has no date
    expect($('urlset').attr('xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  });

  it('splits into files of at most the limit, listed by a sitemap index', async () => {
    expect(sitemapFiles(reports.length, 3)).toBe(3);
    const files = await Promise.all(
      [0, 1, 2].map(async (n) => locs(await sitemapXml(searcher, 'https://example.org', n, 3))),
    );
    expect(files.map((f) => f.length)).toEqual([3, 3, 2]);
    expect(files.flat()).toEqual(locs(await sitemapXml(searcher, 'https://example.org')));
    expect(locs(await sitemap(searcher, 'https://example.org', 3))).toEqual(
      locs(sitemapIndexXml(reports.length, 'https://example.org', 3)),
    );
    expect(locs(sitemapIndexXml(reports.length, 'https://example.org', 3))).toEqual(
      [0, 1, 2].map((n) => `https://example.org/sitemaps/${n}.xml`),
    );
  });
});
