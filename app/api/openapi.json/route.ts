import { openApiDocument } from '@/lib/serve/openapi';

export const runtime = 'nodejs';

/** GET /api/openapi.json — the API described from the schemas the routes use. */
export function GET(): Response {
  return Response.json(openApiDocument());
}
