import { describe, expect, it } from 'vitest';
import { buildGramIndex, gramsOf, literalCandidates, postingsOf } from '@/lib/search/grams';

const norms = ['资阳市政协', '协商民主', '市政府 资阳', '政协政协', '😀好'];
const index = buildGramIndex(norms);
const ids = (a: Uint32Array) => Array.from(a);

describe('the gram index', () => {
  it('lists distinct characters and bigrams by code point', () => {
    expect([...gramsOf('政协政协')]).toEqual(['政', '协', '政协', '协政']);
    expect([...gramsOf('😀好')]).toEqual(['😀', '好', '😀好']);
  });

  it('keeps sorted postings per gram', () => {
    expect(ids(postingsOf(index, '政协'))).toEqual([0, 3]);
    expect(ids(postingsOf(index, '资'))).toEqual([0, 2]);
    expect(ids(postingsOf(index, '无'))).toEqual([]);
  });

  it('gives exact candidates for one and two characters, supersets for more', () => {
    expect(ids(literalCandidates(index, '协'))).toEqual([0, 1, 3]);
    expect(ids(literalCandidates(index, '市政'))).toEqual([0, 2]);
    expect(ids(literalCandidates(index, '阳市政'))).toEqual([0]);
    expect(ids(literalCandidates(index, '😀好'))).toEqual([4]);
    expect(ids(literalCandidates(index, '政协政协政'))).toEqual([3]);
  });

  it('intersects long lists correctly', () => {
    const many = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? '甲乙' : '') + (i % 7 === 0 ? '乙丙' : '') + '丁');
    const big = buildGramIndex(many);
    const expected = many.flatMap((t, i) => (t.includes('甲乙') && t.includes('乙丙') ? [i] : []));
    expect(ids(literalCandidates(big, '甲乙乙丙'))).toEqual(expected);
  });
});
