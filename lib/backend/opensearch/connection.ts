/**
 * Where the cluster is and what the service's indexes there are called: OPENSEARCH_URL, an index
 * prefix (OPENSEARCH_PREFIX), optional credentials (OPENSEARCH_USERNAME, OPENSEARCH_PASSWORD) and
 * a CA file for TLS (OPENSEARCH_CA). A cluster that cannot be reached, or that answers with failed
 * shards, is an UnavailableError (503): never a partial answer.
 */
import { readFileSync } from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { RequestError, UnavailableError } from '../../api/errors';

/** How to reach the cluster, from the environment. */
export interface ClusterSettings {
  url: string;
  prefix: string;
  username?: string;
  password?: string;
  ca?: string;
}

/** What an index prefix may be: OpenSearch's index names are lower case, and ours add -paragraphs and such. */
const PREFIX_PATTERN = /^[a-z0-9][a-z0-9_-]{0,100}$/;

/** A request to the cluster gives up after this long: a search is bounded, as every request here is. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The cluster's settings from the environment; a missing URL or a malformed prefix is refused by name. */
export function clusterSettings(env: NodeJS.ProcessEnv = process.env): ClusterSettings {
  const url = env.OPENSEARCH_URL;
  if (!url) throw new Error('opensearch: OPENSEARCH_URL is not set (for example http://127.0.0.1:9200)');
  const prefix = env.OPENSEARCH_PREFIX || 'reports';
  if (!PREFIX_PATTERN.test(prefix))
    throw new Error(`opensearch: OPENSEARCH_PREFIX=${prefix} must be lower-case letters, digits, - and _`);
  return {
    url,
    prefix,
    username: env.OPENSEARCH_USERNAME || undefined,
    password: env.OPENSEARCH_PASSWORD || undefined,
    ca: env.OPENSEARCH_CA || undefined,
  };
}

/** A client of the cluster the settings name. */
export function connect(settings: ClusterSettings): Client {
  return new Client({
    node: settings.url,
    requestTimeout: REQUEST_TIMEOUT_MS,
    maxRetries: 1,
    ...(settings.username && { auth: { username: settings.username, password: settings.password ?? '' } }),
    ...(settings.ca && { ssl: { ca: readFileSync(settings.ca) } }),
  });
}

/** The names of the service's indexes: aliases the searches read, and the versioned indexes behind them. */
export class IndexNames {
  constructor(readonly prefix: string) {}

  /** The alias of one kind of index (what searches name). */
  alias(kind: IndexKind): string {
    return `${this.prefix}-${kind}`;
  }

  /** The index of one kind at one version (what the alias points to). */
  versioned(kind: IndexKind, version: string): string {
    return `${this.prefix}-${kind}-${version}`;
  }
}

/** Paragraphs (what is searched), reports (the catalogue) and content files (what was sent). */
export type IndexKind = 'paragraphs' | 'reports' | 'files';
export const INDEX_KINDS: IndexKind[] = ['paragraphs', 'reports', 'files'];

/** Whether an error is the cluster not answering (rather than refusing a request). */
export function unreachable(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'ConnectionError' || name === 'TimeoutError' || name === 'NoLivingConnectionsError';
}

/** A cluster failure as the service answers it: 503 with why, in the error shape. */
export function unavailable(err: unknown): UnavailableError {
  const reason = err instanceof Error ? err.message : String(err);
  return new UnavailableError(
    `检索集群暂时无法访问，请稍后再试 (the OpenSearch cluster did not answer: ${reason.slice(0, 200)})`,
  );
}

/** Shards that failed in a search's answer: an undercount if ignored, so an error. */
export function checkShards(body: { _shards?: { failed?: number; total?: number }; timed_out?: boolean }): void {
  const failed = body._shards?.failed ?? 0;
  if (failed > 0 || body.timed_out)
    throw new UnavailableError(
      `检索集群部分分片未能作答，请稍后再试 (${failed} of ${body._shards?.total ?? '?'} shards failed${body.timed_out ? ', timed out' : ''})`,
    );
}

/**
 * What a failed cluster call is to the service: the cluster unreachable, overloaded or without the
 * shards to answer is a 503 (UnavailableError); a refusal of ours passes as it is; anything else
 * stays an error (a 500: a bug to see, not a reader's mistake).
 */
export function serviceError(err: unknown): unknown {
  if (err instanceof RequestError) return err;
  const status = (err as { meta?: { statusCode?: number } } | null)?.meta?.statusCode;
  if (unreachable(err) || status === 429 || status === 503 || status === 504) return unavailable(err);
  return err;
}

/** `work`'s value, its failure made a serviceError. */
export async function onCluster<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw serviceError(err);
  }
}
