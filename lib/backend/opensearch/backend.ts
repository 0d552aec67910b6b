/**
 * An OpenSearch cluster as a backend (SEARCH_BACKEND=opensearch): the content folder sent to the
 * cluster (indexer.ts) when the server starts and, with the live index, whenever it changes; the
 * catalogue held here (catalogue.ts); searches answered by the cluster (searcher.ts). A cluster
 * that cannot be reached is not fatal: readiness and every search answer 503 saying why, and the
 * backend tries again until the cluster is back.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';
import { UnavailableError } from '../../api/errors';
import { contentDir } from '../../content/folder';
import type { BackendHealth, SearchBackend, Searcher, StartOptions } from '../types';
import { loadCatalogue, stampOf } from './catalogue';
import { clusterSettings, connect, IndexNames, unavailable } from './connection';
import { layoutOf, syncContent } from './indexer';
import { ClusterSearcher } from './searcher';

/** After a failure to reach the cluster, it is tried again this often. */
const RETRY_MS = 2_000;
/** How often a replica without the live index looks whether the cluster's content changed. */
const FOLLOW_MS = 1_000;
/** Changes to the content folder closer together than this are sent in one sync. */
const SETTLE_MS = 100;

export class OpenSearchBackend implements SearchBackend {
  readonly kind = 'opensearch';
  private client: Client | null = null;
  private names: IndexNames | null = null;
  private current: ClusterSearcher | null = null;
  /** Why there is no searcher, or why the last sync failed. */
  private problem: string | null = 'connecting to the OpenSearch cluster';
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  start({ live, log }: StartOptions): Promise<boolean> {
    const settings = clusterSettings();
    this.client = connect(settings);
    this.names = new IndexNames(settings.prefix);
    if (live) this.watch(log);
    else this.follow(log);
    return this.bringUp(live, log);
  }

  /**
   * Without the live index another process sends the content (build:index, or one live replica):
   * this one looks at the cluster's stamp every FOLLOW_MS and serves the new catalogue when it moved.
   */
  private follow(log: (line: string) => void): void {
    this.poller = setInterval(() => {
      if (!this.current) return;
      void stampOf(this.client!, this.names!).then(
        async (stamp) => {
          if (!stamp || stamp.builtAt === this.current?.catalogue.builtAt) return;
          await this.reload();
          log(`opensearch: the cluster's content changed (${stamp.builtAt}), serving it`);
        },
        () => {}, // unreachable: health says so; the next look tries again
      );
    }, FOLLOW_MS);
    this.poller.unref();
  }

  /** Syncs (with `live`) and loads the catalogue; on failure keeps trying in the background. */
  private async bringUp(live: boolean, log: (line: string) => void): Promise<boolean> {
    try {
      if (live) await this.sync(log);
      else await this.reload();
      log(`opensearch: serving ${this.current!.info.reports} reports, ${this.current!.info.paragraphs} paragraphs`);
      return true;
    } catch (err) {
      this.problem = (err as Error).message;
      console.error(`serve: opensearch: ${this.problem}`);
      if (!this.closed) this.timer = setTimeout(() => void this.bringUp(live, log), RETRY_MS);
      return false;
    }
  }

  /** Sends the content's changes, one sync at a time, then serves the new catalogue. */
  private sync(log: (line: string) => void): Promise<void> {
    const run = async () => {
      const outcome = await syncContent(this.client!, this.names!, contentDir(), layoutOf(), log);
      for (const p of outcome.problems) console.error(`serve: opensearch: ${p.file} not sent: ${p.reason}`);
      await this.reload();
    };
    const next = this.syncing.then(run, run);
    this.syncing = next.catch(() => {});
    return next;
  }

  private async reload(): Promise<void> {
    const catalogue = await loadCatalogue(this.client!, this.names!);
    this.current = new ClusterSearcher(this.client!, this.names!, catalogue);
    this.problem = null;
  }

  /** Watches the content folder; a change is sent once the folder has been quiet for SETTLE_MS. */
  private watch(log: (line: string) => void): void {
    let pending: NodeJS.Timeout | null = null;
    try {
      this.watcher = watch(contentDir(), () => {
        if (pending) clearTimeout(pending);
        pending = setTimeout(() => {
          pending = null;
          this.sync(log).catch((err: Error) => {
            this.problem = err.message;
            console.error(`serve: opensearch: the change was not sent: ${err.message}`);
          });
        }, SETTLE_MS);
      });
    } catch (err) {
      console.error(`serve: the content folder is not watched: ${(err as Error).message}`);
    }
  }

  searcher(): Searcher {
    if (!this.current)
      throw new UnavailableError(`检索集群尚未就绪 (${this.problem ?? 'no index on the cluster yet'})`);
    return this.current;
  }

  async health(): Promise<BackendHealth> {
    const searcher = this.searcher();
    try {
      const { body } = await this.client!.cluster.health({ index: this.names!.alias('paragraphs'), timeout: '2s' });
      if (body.status === 'red') throw new UnavailableError(`检索集群有分片不可用 (cluster status red)`);
    } catch (err) {
      if (err instanceof UnavailableError) throw err;
      throw unavailable(err);
    }
    return {
      status: this.problem ? 'degraded' : 'ok',
      documents: searcher.info.reports,
      paragraphs: searcher.info.paragraphs,
      builtAt: searcher.info.builtAt,
      ...(this.problem && { problem: { file: null, line: null, message: this.problem } }),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    this.watcher?.close();
    await this.syncing;
    await this.client?.close();
  }
}
