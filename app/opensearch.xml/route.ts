import { siteOrigin } from '@/lib/serve/links';
import { openSearchXml } from '@/lib/serve/opensearch';

export const dynamic = 'force-dynamic';

/** GET /opensearch.xml — lets a browser add the site as a search engine. */
export function GET(request: Request): Response {
  return new Response(openSearchXml(siteOrigin(request.headers)), {
    headers: { 'Content-Type': 'application/opensearchdescription+xml; charset=utf-8' },
  });
}
