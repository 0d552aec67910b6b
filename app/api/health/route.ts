import { toErrorResponse } from '@/lib/serve/http';
import { health } from '@/lib/serve/store';
import type { LivenessResponse } from '@/lib/serve/types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/health — readiness: the index in service and whether it is current, 503 while loading
 * or draining. GET /api/health?probe=live — liveness: 200 whenever the process answers.
 */
export function GET(request: Request): Response {
  if (new URL(request.url).searchParams.get('probe') === 'live') {
    const body: LivenessResponse = { status: 'live' };
    return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
  }
  try {
    const { status, body } = health();
    return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
