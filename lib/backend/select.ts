/** Which backend the service runs on: SEARCH_BACKEND, the embedded engine unless it says otherwise. */
import { EmbeddedBackend } from './embedded/backend';
import { OpenSearchBackend } from './opensearch/backend';
import type { SearchBackend } from './types';

/** The backends by the name SEARCH_BACKEND gives them. */
const BACKENDS: Record<string, () => SearchBackend> = {
  embedded: () => new EmbeddedBackend(),
  opensearch: () => new OpenSearchBackend(),
};

/** A new backend of the kind the environment names; an unknown name is refused with the known ones. */
export function createBackend(env: NodeJS.ProcessEnv = process.env): SearchBackend {
  const name = env.SEARCH_BACKEND || 'embedded';
  const make = BACKENDS[name];
  if (!make) throw new Error(`backend: SEARCH_BACKEND=${name} is not one of ${Object.keys(BACKENDS).join(', ')}`);
  return make();
}
