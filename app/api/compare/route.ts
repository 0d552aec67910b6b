import { webHandler } from '@/lib/server/routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
export const GET = webHandler('/api/compare');
