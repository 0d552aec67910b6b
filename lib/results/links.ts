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

/** A Host header's value: a name or IPv4 address, or an IPv6 one in brackets, with an optional port. */
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

/** Whether `host` is a well-formed Host header value: a name, IPv4 or bracketed IPv6, port at most 65535. */
export function isValidHost(host: string): boolean {
  const m = HOST.exec(host);
  return m !== null && host.length <= 255 && (m[1] === undefined || Number(m[1]) <= 65_535);
}

/** Whether the server may take the origin from X-Forwarded-Host/-Proto: set TRUST_PROXY=1 behind a proxy that sets them. */
function trustProxy(): boolean {
  return process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true';
}

/** The first value of a header a proxy may have appended to. */
const first = (value: string | null) => value?.split(',')[0]!.trim() || null;

/**
 * The origin absolute links start with. SITE_URL when the deployment sets it (the recommended
 * setting for a public server); else, with TRUST_PROXY, the host and scheme a trusted proxy
 * forwards; else the request's own Host. A client's X-Forwarded-* headers are never believed
 * otherwise, and a malformed host is never echoed: links then name localhost. With a cache in front,
 * an origin taken from a header the client chose would be served to everyone (cache poisoning).
 */
export function siteOrigin(headers: Pick<Headers, 'get'>): string {
  const configured = process.env.SITE_URL?.replace(/\/+$/, '');
  if (configured) return configured;
  const forwarded = trustProxy() ? first(headers.get('x-forwarded-host')) : null;
  const claimed = forwarded ?? first(headers.get('host'));
  const host = claimed && isValidHost(claimed) ? claimed : 'localhost';
  const forwardedProto = trustProxy() ? first(headers.get('x-forwarded-proto')) : null;
  const proto =
    forwardedProto === 'http' || forwardedProto === 'https'
      ? forwardedProto
      : /^(localhost|127\.|\[::1\])/.test(host)
        ? 'http'
        : 'https';
  return `${proto}://${host}`;
}
