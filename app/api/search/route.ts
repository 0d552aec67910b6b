import { toErrorResponse } from '@/lib/search/http';
import { decodeQueryString, parseSearchParams } from '@/lib/search/params';
import { search } from '@/lib/search/search';
import { getSearchIndex } from '@/lib/search/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/search?q=…&limit=…&offset=… — see SearchResponse in lib/search/types.ts. */
export function GET(request: Request): Response {
  try {
    const { q, limit, offset } = parseSearchParams(decodeQueryString(new URL(request.url).search));
    return Response.json(search(getSearchIndex(), q, { limit, offset }));
  } catch (err) {
    return toErrorResponse(err);
  }
}
