import { cslJsonCitation, risCitation, today } from '@/lib/serve/cite';
import { CITE_FORMATS, parseCiteParams } from '@/lib/serve/cite-params';
import { citationSource } from '@/lib/serve/citations';
import { checkQueryEncoding, errorResponse, toErrorResponse } from '@/lib/serve/http';
import { siteOrigin } from '@/lib/serve/links';
import { decodeQueryString } from '@/lib/serve/params';
import { getSearchIndex } from '@/lib/serve/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/cite?report=…&paragraph=…&format=ris|csl-json — a citation record to download. */
export function GET(request: Request): Response {
  try {
    checkQueryEncoding(request.headers);
    const params = parseCiteParams(decodeQueryString(new URL(request.url).search));
    const source = citationSource(
      getSearchIndex(),
      siteOrigin(request.headers),
      params.report,
      params.paragraph ?? null,
      today(),
    );
    if (!source) return errorResponse(404, 'not_found', 'no such report or paragraph');
    const { type, extension } = CITE_FORMATS[params.format];
    const name = [params.report, params.paragraph].filter(Boolean).join('-');
    const body = params.format === 'ris' ? risCitation(source) : cslJsonCitation(source, name);
    return new Response(body, {
      headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}.${extension}"` },
    });
  } catch (err) {
    return toErrorResponse(err);
  }
}
