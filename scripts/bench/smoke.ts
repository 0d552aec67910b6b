/**
 * `npm run bench:smoke`: every `npm run bench*` script of package.json once, on the small corpus of
 * BENCH_SMOKE=1 (scripts/poetry.ts), so that CI notices a bench that no longer runs. Its figures
 * mean nothing; that each bench ends well does. Fails on the first that does not.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const SELF = 'bench:smoke';
const scripts = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: object }).scripts);
const benches = scripts.filter((name) => /^bench(:|$)/.test(name) && name !== SELF);

for (const name of benches) {
  const started = performance.now();
  console.log(`bench:smoke: npm run ${name}`);
  const run = spawnSync('npm', ['run', '--silent', name], {
    env: { ...process.env, BENCH_SMOKE: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const seconds = Math.round((performance.now() - started) / 1000);
  if (run.status !== 0) {
    console.error(`bench:smoke: npm run ${name} failed (${run.signal ?? `exit ${run.status}`}) after ${seconds} s`);
    process.exit(1);
  }
  console.log(`bench:smoke: npm run ${name} ran in ${seconds} s`);
}
