/** A server of its own for a spec: a made-up collection written to a temporary folder, indexed and served. */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReportSource } from '@/lib/content/types';
import { toMarkdown } from '@/lib/content/write';
import { buildIndexWith, startServer } from '@/scripts/server-process';

/**
 * Serves `reports` (and the content's own `dictionary` words) on 127.0.0.1:`port`, without the live
 * index; `stop` ends the server and removes the folder.
 */
export async function serveCollection(
  port: number,
  reports: ReportSource[],
  dictionary: string[] = [],
): Promise<{ base: string; stop: () => void }> {
  const root = mkdtempSync(path.join(tmpdir(), `collection-${port}-`));
  const content = path.join(root, 'content');
  mkdirSync(content);
  for (const r of reports) writeFileSync(path.join(content, `${r.id}.md`), toMarkdown(r));
  if (dictionary.length) writeFileSync(path.join(content, 'dictionary.txt'), `${dictionary.join('\n')}\n`);
  const env = { CONTENT_DIR: content, SEARCH_INDEX: path.join(root, 'index.bin'), LIVE_INDEX: '0' };
  buildIndexWith(env);
  let server: ChildProcess | undefined;
  try {
    ({ server } = await startServer(port, '/api/health', env, 120_000));
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => {
      server?.kill('SIGTERM');
      rmSync(root, { recursive: true, force: true });
    },
  };
}
