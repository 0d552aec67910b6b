import { compareReports } from '@/lib/serve/compare';
import { parseCompareParams } from '@/lib/serve/compare-params';
import { checkQueryEncoding, toErrorResponse } from '@/lib/serve/http';
import { decodeQueryString } from '@/lib/serve/params';
import { getSearchIndex } from '@/lib/serve/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/compare?a=…&b=… — two reports aligned paragraph by paragraph, with what changed. */
export function GET(request: Request): Response {
  try {
    checkQueryEncoding(request.headers);
    const { a, b } = parseCompareParams(decodeQueryString(new URL(request.url).search));
    return Response.json(compareReports(getSearchIndex(), a, b));
  } catch (err) {
    return toErrorResponse(err);
  }
}
