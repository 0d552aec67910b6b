import { compareReports } from '@/lib/serve/compare';
import { parseCompareParams } from '@/lib/serve/compare-params';
import { cachedAnswer, checkQueryEncoding, toErrorResponse, toResponse } from '@/lib/serve/http';
import { decodeQueryString } from '@/lib/serve/params';
import { getSearchIndex } from '@/lib/serve/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/compare?a=…&b=… — two reports aligned paragraph by paragraph, with what changed. */
export function GET(request: Request): Response {
  try {
    checkQueryEncoding(request.headers);
    const params = parseCompareParams(decodeQueryString(new URL(request.url).search));
    const index = getSearchIndex();
    const key = { path: new URL(request.url).pathname, ...params };
    return toResponse(
      cachedAnswer(request.headers.get('if-none-match'), index, key, () => compareReports(index, params.a, params.b)),
    );
  } catch (err) {
    return toErrorResponse(err);
  }
}
