import { toErrorResponse } from '@/lib/serve/http';
import { siteOrigin } from '@/lib/serve/links';
import { sitemapFiles, sitemapIndexXml, sitemapXml } from '@/lib/serve/sitemap';
import { getSearchIndex } from '@/lib/serve/store';

export const dynamic = 'force-dynamic';

/** GET /sitemap.xml — every report page; past 50,000 URLs, an index of /sitemaps/<n>.xml. */
export function GET(request: Request): Response {
  try {
    const index = getSearchIndex();
    const origin = siteOrigin(request.headers);
    const xml = sitemapFiles(index) > 1 ? sitemapIndexXml(index, origin) : sitemapXml(index, origin);
    return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
