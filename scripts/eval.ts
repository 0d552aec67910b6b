/** `npm run eval`: literal recall and MRR@10 of the relevance suite over content/. */
import { buildIndex } from '@/lib/indexer/builder';
import { contentDir, readContent } from '@/lib/content/folder';
import { QUERIES } from '@/lib/eval/queries';
import { evaluate } from '@/lib/eval/relevance';

async function main(): Promise<void> {
  const { reports, ...stamp } = readContent(contentDir());
  const result = await evaluate(buildIndex(reports, stamp), QUERIES);
  for (const r of result.results) {
    const flags = [
      r.missing.length ? `MISSED ${r.missing.length}/${r.expected}` : '',
      r.query.first && r.rank !== 1 ? `rank ${r.rank ?? '>10'}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    if (flags) console.log(`  ${r.query.kind.padEnd(14)} ${r.query.q}  ${flags}`);
  }
  const ranked = result.results.filter((r) => r.query.first !== undefined);
  const contested = ranked.filter((r) => r.expected > 1).length;
  console.log(
    `queries: ${QUERIES.length}, ${ranked.length} with an intended first paragraph (${contested} of them among several matches)`,
  );
  console.log(`literal recall: ${(result.literalRecall * 100).toFixed(2)}%`);
  console.log(`MRR@10: ${result.mrr10.toFixed(4)}`);
}

void main();
