import { toErrorResponse } from '@/lib/serve/http';
import { getSearchIndex } from '@/lib/serve/store';
import type { HealthResponse } from '@/lib/serve/types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/health — index size and build time; does no search. */
export function GET(): Response {
  try {
    const index = getSearchIndex();
    const body: HealthResponse = {
      status: 'ok',
      documents: index.reports.count,
      paragraphs: index.paragraphs.count,
      builtAt: index.builtAt,
    };
    return Response.json(body);
  } catch (err) {
    return toErrorResponse(err);
  }
}
