/** Starting the production server (scripts/serve.ts) as a child process, for the bench and the load test. */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts the server on 127.0.0.1:`port` with `env` added, and resolves once `probe` answers 2xx,
 * with the milliseconds that took. Fails when the server exits or `timeoutMs` passes.
 */
export async function startServer(
  port: number,
  probe: string,
  env: Record<string, string> = {},
  timeoutMs = 180_000,
): Promise<{ server: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
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
