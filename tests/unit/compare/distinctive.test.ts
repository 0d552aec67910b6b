import { describe, expect, it } from 'vitest';
import { countWords, distinctiveOf, isTermWord, logLikelihood } from '@/lib/compare/distinctive';
import { readDistinctive } from '@/lib/indexer/distinctive';
import { buildIndex } from '@/lib/indexer/builder';
import { wordTokens } from '@/lib/text/tokenize';
import { GENERIC, teaCollection as collection } from '@/tests/fixtures/tea-collection';

const stamp = { contentHash: 'test', builtAt: new Date('2024-01-01T00:00:00Z') };

describe('distinctive terms', () => {
  it("are the words a report uses far more than the rest of the collection, the content's own words whole", () => {
    const index = buildIndex(collection(), { ...stamp, dictionary: [{ word: '青溪绿茶', tag: null }] });
    const terms = readDistinctive(index.distinctive, 0);
    // Every word of the tea paragraphs is as distinctive; on a tie the whole word comes first.
    expect(terms[0]).toBe('青溪绿茶');
    expect(terms).toContain('茶园');
    // Its parts say the same again; years and figures are findings of their own, not terms.
    expect(terms).not.toContain('绿茶');
    expect(terms.some((t) => /[0-9]/.test(t))).toBe(false);
    // Words every report uses equally are no report's.
    for (let r = 1; r < 10; r++) expect(readDistinctive(index.distinctive, r)).toEqual([]);
  });

  it('are none in a collection of one report, which has nothing to be set against', () => {
    const index = buildIndex(collection().slice(0, 1), stamp);
    expect(readDistinctive(index.distinctive, 0)).toEqual([]);
  });

  it('score by log-likelihood, and not at all a word the text uses no more than the other', () => {
    // Dunning's worked figures: 10 of 100 against 10 of 1000.
    expect(logLikelihood(10, 10, 100, 1000)).toBeCloseTo(
      2 * (10 * Math.log(10 / ((100 * 20) / 1100)) + 10 * Math.log(10 / ((1000 * 20) / 1100))),
      10,
    );
    expect(logLikelihood(1, 10, 100, 1000)).toBe(0);
    expect(logLikelihood(0, 5, 10, 10)).toBe(0);
  });

  it('leave out one-character words, numbers and stop words', () => {
    expect(['的', '2023', '7.5', '我们', '工作', '茶园', 'gdp'].map(isTermWord)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('of one report against another are the words each says more', () => {
    const sets = (texts: string[]) => countWords(texts.map((t) => wordTokens(t)));
    const ten = (make: (k: number) => string) => Array.from({ length: 10 }, (_, k) => make(k + 1));
    const a = sets([...GENERIC, ...ten((k) => `大力发展乡村旅游，打造精品线路${k}条。`)]);
    const b = sets([...GENERIC, ...ten((k) => `建成数字政务平台，${k}百项事项网上办理。`)]);
    expect(distinctiveOf(a, b).map((k) => k.word)).toContain('旅游');
    expect(distinctiveOf(b, a).map((k) => k.word)).toContain('政务');
    expect(distinctiveOf(a, a)).toEqual([]);
  });
});
