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
import { indexPath, readManifest, removeStrayFiles, strayFiles } from '@/lib/index/segments';
import { acquireLock } from '@/lib/util/lock';

process.env.NEXT_TELEMETRY_DISABLED = '1';

function run(command: string, args: string[]): void {
  console.log(`start: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Removes what a build killed mid-way left in the index folder (segments and deletions no manifest
 * names, temporary files), in turn with any build running now.
 */
async function removeLeftovers(dir: string): Promise<void> {
  let manifest;
  try {
    manifest = readManifest(dir);
  } catch {
    return; // damaged: the build it gets rebuilds it, and cleans up then
  }
  if (strayFiles(dir, manifest).length === 0) return;
  const release = await acquireLock(`${dir}.lock`, () => console.log('start: waiting for a build of the index'));
  try {
    for (const name of removeStrayFiles(dir, readManifest(dir)))
      console.log(`start: removed ${name}, left by a build that was stopped`);
  } finally {
    release();
  }
}

async function main(): Promise<void> {
  await removeLeftovers(indexPath());
  const reason = rebuildReason(indexPath(), contentDir());
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
