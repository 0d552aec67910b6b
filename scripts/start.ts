/**
 * `npm start`: builds what is missing — the index when absent or stale (updated, or rebuilt), the Next.js
 * production build when absent — then serves on PORT (default 3000) with scripts/serve.ts.
 * Several servers started at once from one checkout (on different ports) take turns: one builds,
 * the others wait for it and find nothing left to build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { rebuildReason } from '@/lib/indexer/freshness';
import { contentDir } from '@/lib/content/folder';
import { indexPath } from '@/lib/index/segments';
import { removeLeftovers } from '@/lib/indexer/update';
import { acquireLock } from '@/lib/util/lock';

process.env.NEXT_TELEMETRY_DISABLED = '1';

function run(command: string, args: string[]): void {
  console.log(`start: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main(): Promise<void> {
  for (const name of await removeLeftovers(indexPath(), () => console.log('start: waiting for a build of the index')))
    console.log(`start: removed ${name}, left by a build that was stopped`);
  // On a cluster the server sends the content itself (SEARCH_BACKEND=opensearch): no index folder to build.
  const reason = process.env.SEARCH_BACKEND === 'opensearch' ? null : rebuildReason(indexPath(), contentDir());
  if (reason) {
    console.log(`start: building the index: ${reason}`);
    run('npm', ['run', 'build:index', '--', '--if-stale']); // takes its own turn behind the artifact's lock
  }
  const buildId = path.join('.next', 'BUILD_ID');
  if (!existsSync(buildId)) {
    mkdirSync('.index', { recursive: true });
    const release = await acquireLock(path.join('.index', 'next-build.lock'), () =>
      console.log('start: waiting for another next build'),
    );
    try {
      if (!existsSync(buildId)) run('npx', ['next', 'build']);
    } finally {
      release();
    }
  }
  await import('./serve');
}

void main();
