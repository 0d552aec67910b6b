/** The content folder sent to the OpenSearch cluster the environment names (OPENSEARCH_URL and the rest). */
import { clusterSettings, connect, IndexNames } from '@/lib/backend/opensearch/connection';
import { layoutOf, syncContent } from '@/lib/backend/opensearch/indexer';
import { contentDir } from '@/lib/content/folder';

export async function syncCommand(): Promise<void> {
  const settings = clusterSettings();
  const client = connect(settings);
  const started = performance.now();
  try {
    const outcome = await syncContent(client, new IndexNames(settings.prefix), contentDir(), layoutOf(), (line) =>
      console.log(`build: ${line}`),
    );
    for (const p of outcome.problems) console.error(`build: ${p.file} not sent: ${p.reason}`);
    console.log(`build: the cluster is current in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    process.exitCode = outcome.problems.length ? 1 : 0;
  } catch (err) {
    console.error(`build: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await client.close();
  }
}
