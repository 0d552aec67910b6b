/** What one comparison may cost: reports of bounded length, the event loop let run, identical requests worked out once. */
import { describe, expect, it } from 'vitest';
import { MAX_COMPARE_PARAGRAPHS } from '@/lib/api/limits';
import { searcherOf } from '@/lib/backend/embedded/searcher';
import { buildIndex } from '@/lib/indexer/builder';
import { compareReports } from '@/lib/results/comparison';
import { cachedReply } from '@/lib/server/reply';
import { withLoopTurns } from '@/tests/helpers';

const report = (id: string, n: number, year: number) => ({
  id,
  title: `报告${id}`,
  date: `${year}-01-01`,
  source: null,
  paragraphs: Array.from({ length: n }, (_, k) => ({
    text: `第${k}项：政协委员围绕第${(k * 7 + year) % 113}号课题深入调研，提出建议${(k + year) % 17}条。`,
    section: null,
  })),
});
const searcher = searcherOf(
  buildIndex([report('a', 600, 2022), report('b', 600, 2023), report('long', MAX_COMPARE_PARAGRAPHS + 1, 2024)], {
    contentHash: 'bounds',
    builtAt: new Date(0),
  }),
);

describe('a comparison’s bounds', () => {
  it('refuses a report longer than a comparison takes, naming it', async () => {
    await expect(compareReports(searcher, 'a', 'long')).rejects.toMatchObject({
      status: 400,
      code: 'report_too_long',
      message: expect.stringContaining('"long" (b)'),
    });
  });

  it('lets the event loop run while it works', async () => {
    const { value: result, turns } = await withLoopTurns(() => compareReports(searcher, 'a', 'b'));
    expect(result.pairs.length).toBeGreaterThanOrEqual(600);
    // 600 pairs and 1,200 paragraphs cut into words, 128 at a time, after the alignment.
    expect(turns).toBeGreaterThanOrEqual(10);
  });

  it('works out an answer once for identical requests that arrive while it is being worked out', async () => {
    let worked = 0;
    const answer = async () => {
      worked++;
      await new Promise((r) => setTimeout(r, 20));
      return { ok: true };
    };
    const replies = await Promise.all(Array.from({ length: 8 }, () => cachedReply(null, '"same"', answer)));
    expect(worked).toBe(1);
    expect(replies.map((r) => r.body)).toEqual(Array(8).fill('{"ok":true}'));
    await cachedReply(null, '"same"', answer);
    expect(worked).toBe(2); // finished answers are not kept: the ETag and HTTP caches do that
  });
});
