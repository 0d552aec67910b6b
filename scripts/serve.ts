/** The production server (lib/server/node-server.ts), with Next.js's production build for the pages. */
import next from 'next';
import { serve } from '@/lib/server/node-server';

process.env.NEXT_TELEMETRY_DISABLED = '1';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';

serve({
  port,
  hostname,
  pages: async () => {
    const app = next({ dev: false, hostname, port });
    await app.prepare();
    const handle = app.getRequestHandler();
    return (req, res) => handle(req, res);
  },
});
