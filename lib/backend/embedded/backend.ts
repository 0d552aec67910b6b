/**
 * The embedded engine as a backend: the index folder loaded into this process (on a worker thread,
 * holder.ts and loader.ts), kept current by the live index (live.ts), searched in process
 * (searcher.ts). The default, and the fastest: a search is a function call.
 */
import { contentDir } from '../../content/folder';
import { indexPath } from '../../index/segments';
import { rebuildReason } from '../../indexer/freshness';
import type { BackendHealth, SearchBackend, Searcher, StartOptions } from '../types';
import { getSearchIndex, indexHealth, loadSearchIndex, manageLoading, setLoading, swapSearchIndex } from './holder';
import { LiveIndex } from './live';
import { searcherOf } from './searcher';

export class EmbeddedBackend implements SearchBackend {
  readonly kind = 'embedded';
  private live: LiveIndex | null = null;

  /**
   * Loads the index in the background (readiness says `loading` meanwhile); from then on only this
   * backend loads indexes, never a request. The live index rebuilds when the content changes (with
   * `live`), and once in the background when no index could be loaded, whatever `live` says.
   */
  start({ live, log }: StartOptions): Promise<boolean> {
    manageLoading();
    setLoading(true);
    const loaded = loadSearchIndex().then(
      (index) => {
        swapSearchIndex(index);
        log(`index loaded, ${index.reports.count} reports, ${index.paragraphs.count} paragraphs`);
        return true;
      },
      // Keep serving: health and search answer 503 with this message until the index is rebuilt.
      (err: Error) => {
        console.error(`serve: ${err.message}`);
        return false;
      },
    );
    void loaded.finally(() => setLoading(false));
    this.live = new LiveIndex({ dir: contentDir(), log });
    void this.keepCurrent(this.live, live, loaded, log);
    return loaded;
  }

  /** Watches the content (with `watch`), and rebuilds when the first load failed or the content changed while it ran. */
  private async keepCurrent(live: LiveIndex, watch: boolean, loaded: Promise<boolean>, log: (line: string) => void) {
    const watching =
      watch &&
      (await live.start().then(
        () => true,
        (err: Error) => void console.error(`serve: the content folder is not watched: ${err.message}`),
      ));
    // Stale, corrupt or missing: build it, even when its stamp looks current (a damaged file's does).
    if (!(await loaded)) return live.refresh(true);
    if (!watching) return;
    // A change made after the index was loaded but before the watcher was ready went unseen: look once.
    const reason = rebuildReason(indexPath(), contentDir());
    if (reason) {
      log(`the content changed while the index loaded: ${reason}`);
      live.refresh();
    }
  }

  searcher(): Searcher {
    return searcherOf(getSearchIndex());
  }

  async health(): Promise<BackendHealth> {
    return indexHealth();
  }

  async close(): Promise<void> {
    await this.live?.close();
  }
}
