/**
 * Failpoints for the crash tests: a process whose INDEX_FAILPOINT names a point kills itself with
 * SIGKILL when it gets there, as a power cut or an OOM kill would stop it, with nothing flushed or
 * cleaned. Unset, a failpoint costs one environment lookup.
 */
export function failpoint(name: string): void {
  if (process.env.INDEX_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
