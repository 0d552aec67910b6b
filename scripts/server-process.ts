/**
 * Starting the production server (scripts/serve.ts) as a child process and reading its memory: the
 * one way the bench, the load test and the server tests do both.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Starts the server on 127.0.0.1:`port` with `env` added, and resolves once `probe` answers 2xx,
 * with the milliseconds that took. Fails when the server exits or `timeoutMs` passes. With
 * `fileSizeLimitKb`, the server (and the builds it starts) may write no file larger than that: a
 * full disk, as the fault tests simulate it (`ulimit -f`; Node then sees EFBIG).
 */
export async function startServer(
  port: number,
  probe: string,
  env: Record<string, string> = {},
  timeoutMs = 180_000,
  fileSizeLimitKb?: number,
): Promise<{ server: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const node = [process.execPath, '--import', 'tsx', 'scripts/serve.ts'];
  const [command, ...args] = fileSizeLimitKb
    ? ['bash', '-c', `ulimit -f ${fileSizeLimitKb}; exec "$@"`, 'serve', ...node]
    : node;
  const server = spawn(command!, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  while (performance.now() - started < timeoutMs) {
    if (server.exitCode !== null) throw new Error('server: exited before answering');
    try {
      if ((await fetch(`http://127.0.0.1:${port}${probe}`)).ok)
        return { server, readyMs: Math.round(performance.now() - started) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  server.kill('SIGTERM');
  throw new Error(`server: ${probe} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Builds an index as `npm run build:index` does, with `env` added (CONTENT_DIR, SEARCH_INDEX);
 * throws on failure, else returns what the build wrote to stderr.
 */
export function buildIndexWith(env: Record<string, string>): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-index.ts'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build:index failed: ${result.stderr}`);
  return result.stderr;
}

/**
 * HAProxy with deploy/haproxy.cfg on 127.0.0.1:`frontend`, in front of the two replicas' ports,
 * checking them on `healthPorts` (their HEALTH_PORT; by default the ports themselves); with
 * `stats`, also its statistics page on 127.0.0.1:`stats` (replicaStatus reads it).
 */
export function startHaproxy(
  frontend: number,
  replicas: number[],
  stats?: number,
  healthPorts: number[] = replicas,
): ChildProcess {
  const files = ['-f', 'deploy/haproxy.cfg'];
  if (stats !== undefined) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'haproxy-')), 'stats.cfg');
    writeFileSync(file, `frontend stats\n    bind 127.0.0.1:${stats}\n    stats enable\n    stats uri /stats\n`);
    files.push('-f', file);
  }
  return spawn('haproxy', ['-db', ...files], {
    env: {
      ...process.env,
      FRONTEND: `127.0.0.1:${frontend}`,
      REPLICA_1: `127.0.0.1:${replicas[0]}`,
      REPLICA_2: `127.0.0.1:${replicas[1]}`,
      REPLICA_1_HEALTH_PORT: String(healthPorts[0]),
      REPLICA_2_HEALTH_PORT: String(healthPorts[1]),
    },
    stdio: 'ignore',
  });
}

/** What HAProxy's checks make of replica `n` (1 or 2): UP, DOWN, "UP 1/2" on its way… (startHaproxy's stats page). */
export async function replicaStatus(stats: number, n: number): Promise<string | null> {
  const csv = await (await fetch(`http://127.0.0.1:${stats}/stats;csv`)).text();
  const [header, ...rows] = csv.split('\n');
  const column = header!.replace(/^# /, '').split(',').indexOf('status');
  const row = rows.map((r) => r.split(',')).find((r) => r[0] === 'replicas' && r[1] === `replica${n}`);
  return row?.[column] ?? null;
}

/** The server's resident memory in MB, from /proc: the process and every process it started. */
export function serverRssMb(pid: number): number {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return 0; // it has exited since it was listed
  }
  // A process that has exited but not been reaped (a zombie) has no VmRSS: it holds no memory.
  const own = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  return Math.round(own + children.reduce((n, child) => n + serverRssMb(Number(child)), 0));
}
