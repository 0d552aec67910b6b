import { buildIndex } from './lib/indexer/builder';
import { contentDir, readContent } from './lib/content/folder';
import { search } from './lib/serve/search';
const { reports, ...stamp } = readContent(contentDir());
const index = buildIndex(reports, stamp);
for (const q of process.argv.slice(2)) {
  const res = search(index, q, { limit: 3, offset: 0 });
  console.log(q, '→', res.total, res.terms.map((t) => t.expansions.map((e) => e.text).join('/')).join(' | '), res.hits.map((h) => h.snippet.replace(/<\/?mark>/g, '*').slice(0, 30)));
}
