import { compareReports } from '@/lib/serve/compare';
import { parseCompareParams } from '@/lib/serve/compare-params';
import { cachedJson, checkQueryEncoding, toErrorResponse } from '@/lib/serve/http';
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
    return cachedJson(request, index, params, () => compareReports(index, params.a, params.b));
  } catch (err) {
    return toErrorResponse(err);
  }
}
