import { answerSearch, fromRequest, toResponse } from '@/lib/serve/api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/search?q=…&limit=…&offset=… — see SearchResponse in lib/serve/types.ts and lib/serve/api.ts. */
export function GET(request: Request): Response {
  return toResponse(answerSearch(fromRequest(request)));
}
