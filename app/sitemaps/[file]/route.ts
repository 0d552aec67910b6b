import { errorResponse, toErrorResponse } from '@/lib/serve/http';
import { siteOrigin } from '@/lib/serve/links';
import { sitemapFiles, sitemapXml } from '@/lib/serve/sitemap';
import { getSearchIndex } from '@/lib/serve/store';

export const dynamic = 'force-dynamic';

/** GET /sitemaps/<n>.xml — one file of a sitemap split past 50,000 URLs. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  try {
    const index = getSearchIndex();
    const n = /^(\d{1,6})\.xml$/.exec((await params).file)?.[1];
    if (n === undefined || Number(n) >= sitemapFiles(index))
      return errorResponse(404, 'not_found', 'no such sitemap file');
    return new Response(sitemapXml(index, siteOrigin(request.headers), Number(n)), {
      headers: { 'Content-Type': 'application/xml; charset=utf-8' },
    });
  } catch (err) {
    return toErrorResponse(err);
  }
}
