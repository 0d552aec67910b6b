/** What an expert query may cost: its NEAR and SENT pairs read a bounded number of paragraphs. */
import { describe, expect, it } from 'vitest';
import { MAX_NEAR_SCAN } from '@/lib/api/limits';
import { search } from '@/lib/eval/search';
import { buildIndex } from '@/lib/indexer/builder';
import { QueryError } from '@/lib/query/parse';

/** More paragraphs holding 政协, 委员 and 工作 than half the budget, fewer than all of it. */
const PARAGRAPHS = Math.ceil(MAX_NEAR_SCAN * 0.6);
const index = buildIndex(
  [
    {
      id: 'many',
      title: '很多段',
      date: '2023-01-01',
      source: null,
      paragraphs: Array.from({ length: PARAGRAPHS }, (_, k) => ({
        text: `政协委员第${k}条。工作有序，委员履职。`,
        section: null,
      })),
    },
  ],
  { contentHash: 'cost', builtAt: new Date(0) },
);
const total = (q: string) => search(index, q, { limit: 1, offset: 0 }).total;
const refusal = (q: string) => {
  try {
    total(q);
  } catch (err) {
    if (err instanceof QueryError) return err.code;
    throw err;
  }
  return null;
};

describe('the cost of NEAR and SENT', () => {
  it('reads the paragraphs of a pair once however often a chain repeats it', () => {
    expect(total('政协 SENT 委员')).toBe(PARAGRAPHS);
    // 27 pairs over two terms, each way round, within the query's 200 characters: one pair's scan.
    const chain = Array.from({ length: 28 }, (_, k) => (k % 2 ? '委' : '政')).join(' SENT ');
    expect(total(chain)).toBe(PARAGRAPHS);
  });

  it('refuses with a 400 code a query whose distinct pairs read more paragraphs than the budget', () => {
    expect(refusal('政协 SENT 委员 SENT 工作')).toBe('query_too_costly');
    expect(refusal('政协 NEAR/3 委员 OR 工作 NEAR/5 履职')).toBe('query_too_costly');
    expect(refusal('政协 NEAR/3 委员')).toBeNull();
  });
});
