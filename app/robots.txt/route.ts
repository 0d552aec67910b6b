import { siteOrigin } from '@/lib/serve/links';

export const dynamic = 'force-dynamic';

/** GET /robots.txt — the search page and the reports are for crawlers; the API is not. */
export function GET(request: Request): Response {
  const origin = siteOrigin(request.headers);
  const body = ['User-agent: *', 'Allow: /', 'Disallow: /api/', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
