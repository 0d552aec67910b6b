import { cachedAnswer, checkQueryEncoding, toErrorResponse, toResponse } from '@/lib/serve/http';
import { decodeQueryValues, parseTrendParams } from '@/lib/serve/params';
import { getSearchIndex } from '@/lib/serve/store';
import { trend } from '@/lib/serve/trend';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/trend?q=A&q=B&by=year — each query's matches and occurrences per bucket of the collection. */
export function GET(request: Request): Response {
  try {
    checkQueryEncoding(request.headers);
    const params = parseTrendParams(decodeQueryValues(new URL(request.url).search));
    const index = getSearchIndex();
    const key = { path: '/api/trend', ...params };
    return toResponse(cachedAnswer(request.headers.get('if-none-match'), index, key, () => trend(index, params)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
