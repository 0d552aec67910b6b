/** `npm run build:index [-- --if-stale]`: makes the index folder current with the content folder (lib/indexer/command.ts). */
import { runBuildCommand } from '@/lib/indexer/command';

runBuildCommand(process.argv.slice(2));
