import { cachedAnswer, checkQueryEncoding, toErrorResponse, toResponse } from '@/lib/serve/http';
import { parseSimilarParams } from '@/lib/serve/compare-params';
import { decodeQueryString } from '@/lib/serve/params';
import { similarTo } from '@/lib/serve/similar';
import { getSearchIndex } from '@/lib/serve/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/similar?report=…&paragraph=… — paragraphs of other reports that say nearly the same. */
export function GET(request: Request): Response {
  try {
    checkQueryEncoding(request.headers);
    const params = parseSimilarParams(decodeQueryString(new URL(request.url).search));
    const index = getSearchIndex();
    const key = { path: new URL(request.url).pathname, ...params };
    return toResponse(
      cachedAnswer(request.headers.get('if-none-match'), index, key, () =>
        similarTo(index, params.report, params.paragraph, params.limit),
      ),
    );
  } catch (err) {
    return toErrorResponse(err);
  }
}
