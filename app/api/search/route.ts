import { checkQueryEncoding, etagMatches, SEARCH_CACHE_CONTROL, searchEtag, toErrorResponse } from '@/lib/serve/http';
import { decodeQueryString, parseSearchParams } from '@/lib/serve/params';
import { search } from '@/lib/serve/search';
import { getSearchIndex } from '@/lib/serve/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/search?q=…&limit=…&offset=… — see SearchResponse in lib/serve/types.ts. */
export function GET(request: Request): Response {
  try {
    checkQueryEncoding(request.headers);
    const params = parseSearchParams(decodeQueryString(new URL(request.url).search));
    const index = getSearchIndex();
    const etag = searchEtag(index, params);
    const headers = { ETag: etag, 'Cache-Control': SEARCH_CACHE_CONTROL };
    if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    return Response.json(search(index, params.q, params), { headers });
  } catch (err) {
    return toErrorResponse(err);
  }
}
