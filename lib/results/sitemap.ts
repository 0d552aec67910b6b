/** The sitemap: every report's page, with its date as last-modified, split past the protocol's limit. */
import type { Searcher } from '../backend/types';
import { reportPath } from './links';
import { escapeHtml } from './marks';

/** The sitemap protocol's limit of URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;

const XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** How many sitemap files a collection of `reports` needs: one, or an index of several. */
export function sitemapFiles(reports: number, perFile = SITEMAP_MAX_URLS): number {
  return Math.max(1, Math.ceil((reports + 1) / perFile));
}

/**
 * Sitemap file `n` (0-based): the search page first, then the reports' pages in content order,
 * `perFile` URLs a file.
 */
export async function sitemapXml(
  searcher: Searcher,
  origin: string,
  n = 0,
  perFile = SITEMAP_MAX_URLS,
): Promise<string> {
  // Position 0 is the search page; report i is position i + 1.
  const first = n * perFile;
  const urls = first === 0 ? [`<url><loc>${escapeHtml(origin)}/</loc></url>`] : [];
  const from = Math.max(0, first - 1);
  const reports = await searcher.reports('content', from, first + perFile - 1 - from);
  for (const report of reports) {
    const lastmod = report.date ? `<lastmod>${report.date}</lastmod>` : '';
    urls.push(`<url><loc>${escapeHtml(origin + reportPath(report.id))}</loc>${lastmod}</url>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${XMLNS}">\n${urls.join('\n')}\n</urlset>\n`;
}

/** The sitemap index pointing at the files `/sitemaps/<n>.xml`, for a collection past one file. */
export function sitemapIndexXml(reports: number, origin: string, perFile = SITEMAP_MAX_URLS): string {
  const files = Array.from(
    { length: sitemapFiles(reports, perFile) },
    (_, n) => `<sitemap><loc>${escapeHtml(origin)}/sitemaps/${n}.xml</loc></sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${XMLNS}">\n${files.join('\n')}\n</sitemapindex>\n`;
}

/** The sitemap at /sitemap.xml: the one file, or past one file's limit the index of them. */
export async function sitemap(searcher: Searcher, origin: string, perFile = SITEMAP_MAX_URLS): Promise<string> {
  const reports = searcher.info.reports;
  return sitemapFiles(reports, perFile) > 1
    ? sitemapIndexXml(reports, origin, perFile)
    : sitemapXml(searcher, origin, 0, perFile);
}
