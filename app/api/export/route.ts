import { exportResponse } from '@/lib/serve/export';
import { checkQueryEncoding, toErrorResponse } from '@/lib/serve/http';
import { siteOrigin } from '@/lib/serve/links';
import { decodeQueryValues, parseExportParams } from '@/lib/serve/params';
import { getSearchIndex } from '@/lib/serve/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/export?q=…&format=csv|xlsx|jsonl&view=paragraphs|kwic — every hit of a search, streamed as a file. */
export function GET(request: Request): Response {
  try {
    checkQueryEncoding(request.headers);
    const params = parseExportParams(decodeQueryValues(new URL(request.url).search));
    return exportResponse(getSearchIndex(), params, siteOrigin(request.headers));
  } catch (err) {
    return toErrorResponse(err);
  }
}
