/** The sitemap: every report's page, with its date as last-modified, split past the protocol's limit. */
import type { SearchIndex } from '../index/model';
import { escapeHtml } from './segments';
import { reportPath } from './links';

/** The sitemap protocol's limit of URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;

const XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** How many sitemap files the index needs: one, or an index of several. */
export function sitemapFiles(index: SearchIndex, perFile = SITEMAP_MAX_URLS): number {
  return Math.max(1, Math.ceil((index.reports.count + 1) / perFile));
}

/**
 * Sitemap file `n` (0-based): the search page first, then the reports' pages in content order,
 * `perFile` URLs a file.
 */
export function sitemapXml(index: SearchIndex, origin: string, n = 0, perFile = SITEMAP_MAX_URLS): string {
  const urls: string[] = [];
  // Position 0 is the search page; report i is position i + 1.
  for (let at = n * perFile; at < Math.min((n + 1) * perFile, index.reports.count + 1); at++) {
    if (at === 0) {
      urls.push(`<url><loc>${escapeHtml(origin)}/</loc></url>`);
      continue;
    }
    const report = index.reports.get(at - 1);
    const lastmod = report.date ? `<lastmod>${report.date}</lastmod>` : '';
    urls.push(`<url><loc>${escapeHtml(origin + reportPath(report.id))}</loc>${lastmod}</url>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${XMLNS}">\n${urls.join('\n')}\n</urlset>\n`;
}

/** The sitemap index pointing at the files `/sitemaps/<n>.xml`, for a collection past one file. */
export function sitemapIndexXml(index: SearchIndex, origin: string, perFile = SITEMAP_MAX_URLS): string {
  const files = Array.from(
    { length: sitemapFiles(index, perFile) },
    (_, n) => `<sitemap><loc>${escapeHtml(origin)}/sitemaps/${n}.xml</loc></sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${XMLNS}">\n${files.join('\n')}\n</sitemapindex>\n`;
}
