/**
 * The service's URLs: a report's page, a paragraph's own page (a URL the server sees, unlike a
 * #fragment, so previews, crawlers and citations can use it), and the site's origin for absolute
 * links. Free of server-only imports: the browser builds the same links.
 */

/** A report's page. */
export function reportPath(reportId: string): string {
  return `/reports/${encodeURIComponent(reportId)}`;
}

/** A paragraph's own page; `q` marks a query in it as the search results do. */
export function paragraphPath(reportId: string, paragraphId: string, q?: string): string {
  const path = `${reportPath(reportId)}/${encodeURIComponent(paragraphId)}`;
  // toWellFormed: a lone surrogate in a query cannot be percent-encoded; U+FFFD stands in for it.
  return q ? `${path}?q=${encodeURIComponent(q.toWellFormed())}` : path;
}

/**
 * The origin absolute links start with: SITE_URL when the deployment sets it (behind a proxy that
 * rewrites Host), else the request's forwarded or own host.
 */
export function siteOrigin(headers: Headers): string {
  const configured = process.env.SITE_URL?.replace(/\/+$/, '');
  if (configured) return configured;
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost';
  const proto = headers.get('x-forwarded-proto') ?? (/^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https');
  return `${proto.split(',')[0]!.trim()}://${host.split(',')[0]!.trim()}`;
}
