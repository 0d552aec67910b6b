/** Whether an index folder is current: what `npm start` and the server ask before building. */
import { engineVersion } from '../index/engine';
import { planUpdate } from './plan';

/**
 * Why the index in `indexDir` must be built again for the content folder `contentDir` and the
 * engine of the checkout at `root` — rebuilt or updated — or null when it is current (planUpdate
 * decides, as `build:index --if-stale` does).
 */
export function rebuildReason(indexDir: string, contentDir: string, root = process.cwd()): string | null {
  return planUpdate(indexDir, contentDir, engineVersion(root)).reason;
}
