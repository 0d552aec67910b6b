/**
 * `npm start`: builds what is missing — the index artifact when absent or stale, the Next.js
 * production build when absent — then serves on PORT (default 3000) with scripts/serve.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { rebuildReason } from '@/lib/build/freshness';
import { contentDir } from '@/lib/content/folder';
import { artifactPath } from '@/lib/index/artifact';

function run(command: string, args: string[]): void {
  console.log(`start: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const reason = rebuildReason(artifactPath(), contentDir());
if (reason) {
  console.log(`start: building the index: ${reason}`);
  run('npm', ['run', 'build:index', '--', '--if-stale']);
}
if (!existsSync(path.join('.next', 'BUILD_ID'))) run('npx', ['next', 'build']);

void import('./serve');
