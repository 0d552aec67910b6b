/**
 * `npm run build:index [-- --if-stale]`: makes the index current with the content folder — the
 * index folder (lib/indexer/command.ts), or with SEARCH_BACKEND=opensearch the cluster's indexes
 * (lib/backend/opensearch/indexer.ts: only what changed is sent).
 */
import { runBuildCommand } from '@/lib/indexer/command';
import { syncCommand } from './opensearch/sync';

if (process.env.SEARCH_BACKEND === 'opensearch') void syncCommand();
else runBuildCommand(process.argv.slice(2));
