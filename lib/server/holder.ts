/**
 * The backend in service and the process's own state (draining before exit). Kept on globalThis
 * because Next.js bundles lib/ into each route separately and the Node server loads it once more:
 * all of them must share one backend. The Node server installs the backend it started; anything
 * else (`next dev`, the API tests) gets one of the kind the environment names on first use.
 */
import type { HealthResponse } from '../api/health';
import { createBackend } from '../backend/select';
import type { SearchBackend, Searcher } from '../backend/types';

interface State {
  backend: SearchBackend | null;
  /** Set while the server drains before it exits: readiness turns false, requests are still served. */
  draining: boolean;
}

const KEY = Symbol.for('report-search.server');

function state(): State {
  const global = globalThis as { [KEY]?: State };
  return (global[KEY] ??= { backend: null, draining: false });
}

/** The backend in service, made on first use when the server did not install one. */
export function backend(): SearchBackend {
  return (state().backend ??= createBackend());
}

/** Puts `b` in service: the Node server's, started by it. */
export function installBackend(b: SearchBackend): void {
  state().backend = b;
}

/** The searcher every call of one request reads; throws UnavailableError while there is no index. */
export function searcher(): Searcher {
  return backend().searcher();
}

/** Turns readiness off for good: the server is about to stop. */
export function startDraining(): void {
  state().draining = true;
}

/** Whether the server is draining. */
export function isDraining(): boolean {
  return state().draining;
}

/**
 * Readiness: 200 while an index is in service (`ok`, or `degraded` when the last change could not
 * be indexed), 503 while the first index loads and while draining. Throws UnavailableError (a 503
 * too) when there is no index to serve.
 */
export async function readiness(): Promise<{ status: 200 | 503; body: HealthResponse }> {
  const health = await backend().health();
  if (health.status === 'loading') return { status: 503, body: { status: 'loading' } };
  const draining = isDraining();
  return { status: draining ? 503 : 200, body: { ...health, status: draining ? 'draining' : health.status } };
}
