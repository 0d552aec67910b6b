import { describe, expect, it } from 'vitest';
import { QUERIES } from '@/lib/eval/queries';
import { evaluate } from '@/lib/eval/relevance';
import { getSearchIndex } from '@/lib/backend/embedded/holder';

const evaluation = await evaluate(getSearchIndex(), QUERIES);

describe('relevance over the seed report', () => {
  it('has at least 60 queries covering every kind', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(QUERIES.map((q) => q.kind));
    expect([...kinds].sort()).toEqual([
      'boolean',
      'cross-boundary',
      'dictionary',
      'exclusion',
      'field',
      'full-width',
      'multi-term',
      'nearness',
      'number',
      'phrase',
      'pinyin',
      'ranking',
      'single-char',
      'synonym',
      'traditional',
    ]);
  });

  it.each(evaluation.results.map((r) => [r.query.q, r] as const))('returns every paragraph containing %s', (_, r) => {
    // Pinyin and synonym queries may find paragraphs that do not contain them as typed; those that do must come back.
    if (r.query.kind !== 'pinyin' && r.query.kind !== 'synonym') expect(r.expected).toBeGreaterThan(0);
    expect(r.missing).toEqual([]);
  });

  const expert = evaluation.results.filter((r) => ['boolean', 'field', 'nearness'].includes(r.query.kind));
  it.each(expert.map((r) => [r.query.q, r] as const))('counts exactly what the oracle finds for %s', (_, r) => {
    expect(r.found).toBe(r.expected);
  });

  it.each(evaluation.results.filter((r) => r.query.first).map((r) => [r.query.q, r] as const))(
    'ranks the paragraph a reader means first for %s',
    (_, r) => {
      expect(r.rank).toBe(1);
    },
  );

  it('keeps literal recall at 100%', () => {
    expect(evaluation.literalRecall).toBe(1);
  });

  it('keeps MRR@10 at 0.9 or above', () => {
    expect(evaluation.mrr10).toBeGreaterThanOrEqual(0.9);
  });
});
