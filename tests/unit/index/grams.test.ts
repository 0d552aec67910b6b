import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringColumn } from '@/lib/index/columns';
import { buildGramIndex, gramKey, literalCandidates, postingsOf } from '@/lib/index/grams';
import { Scratch } from '@/lib/index/postings';

const scratch = new Scratch();

const norms = ['资阳市政协', '协商民主', '市政府 资阳', '政协政协', '😀好', '\u0000a'];
const index = buildGramIndex(StringColumn.from(norms));
const ids = (a: Uint32Array) => Array.from(a);
const cp = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);

describe('the gram index', () => {
  it('keys characters and bigrams apart, astral characters and NUL included', () => {
    const [smile, good] = cp('😀好');
    expect(new Set([gramKey(smile!), gramKey(good!), gramKey(smile!, good!), gramKey(good!, smile!)]).size).toBe(4);
    expect(gramKey(0, 97)).not.toBe(gramKey(97));
    expect(gramKey(0x10ffff)).toBeLessThan(gramKey(0, 0));
  });

  it('keeps sorted postings per gram', () => {
    expect(ids(postingsOf(index, gramKey(...(cp('政协') as [number, number])), scratch))).toEqual([0, 3]);
    expect(ids(postingsOf(index, gramKey(cp('资')[0]!), scratch))).toEqual([0, 2]);
    expect(ids(postingsOf(index, gramKey(cp('无')[0]!), scratch))).toEqual([]);
  });

  it('gives exact candidates for one and two characters, supersets for more', () => {
    expect(ids(literalCandidates(index, '协', scratch))).toEqual([0, 1, 3]);
    expect(ids(literalCandidates(index, '市政', scratch))).toEqual([0, 2]);
    expect(ids(literalCandidates(index, '阳市政', scratch))).toEqual([0]);
    expect(ids(literalCandidates(index, '😀好', scratch))).toEqual([4]);
    expect(ids(literalCandidates(index, '政协政协政', scratch))).toEqual([3]);
    expect(ids(literalCandidates(index, 'a', scratch))).toEqual([5]);
  });

  it('intersects long lists correctly', () => {
    const many = Array.from(
      { length: 5000 },
      (_, i) => (i % 3 === 0 ? '甲乙' : '') + (i % 7 === 0 ? '乙丙' : '') + '丁',
    );
    const big = buildGramIndex(StringColumn.from(many));
    const expected = many.flatMap((t, i) => (t.includes('甲乙') && t.includes('乙丙') ? [i] : []));
    expect(ids(literalCandidates(big, '甲乙乙丙', scratch))).toEqual(expected);
  });

  it('lists every character and bigram of any texts, each paragraph once, keys ascending', () => {
    const text = fc.string({
      unit: fc.constantFrom('政', '协', 'a', 'b', 'é', '😀', '\u0000', ' ', '乙'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), (texts) => {
        const built = buildGramIndex(StringColumn.from(texts));
        const expected = new Map<number, number[]>();
        texts.forEach((t, doc) => {
          const chars = cp(t);
          const keys = new Set([
            ...chars.map((c) => gramKey(c)),
            ...chars.slice(1).map((c, i) => gramKey(chars[i]!, c)),
          ]);
          for (const key of keys) expected.set(key, [...(expected.get(key) ?? []), doc]);
        });
        expect(Array.from(built.keys)).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const [key, docs] of expected) expect(ids(postingsOf(built, key, scratch))).toEqual(docs);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps lists whose paragraphs lie far apart', () => {
    const texts = Array.from({ length: 40_000 }, (_, i) => (i % 9_999 === 0 ? '甲乙' : '丙'));
    const built = buildGramIndex(StringColumn.from(texts));
    expect(ids(postingsOf(built, gramKey(cp('甲')[0]!), scratch))).toEqual([0, 9_999, 19_998, 29_997, 39_996]);
    expect(ids(postingsOf(built, gramKey(cp('丙')[0]!), scratch)).length).toBe(40_000 - 5);
  });

  it('grows its tables past their first size', () => {
    // More distinct bigrams than the hash table's first capacity (65,536).
    let seed = 1;
    const next = () => (seed = (seed * 48271) % 2147483647) % 3000;
    const texts = Array.from({ length: 400 }, () =>
      Array.from({ length: 300 }, () => String.fromCodePoint(0x4e00 + next())).join(''),
    );
    const built = buildGramIndex(StringColumn.from(texts));
    const [a, b] = cp(texts[399]!.slice(10, 12));
    expect(ids(postingsOf(built, gramKey(a!, b!), scratch))).toContain(399);
    expect(built.keys.length).toBeGreaterThan(1 << 16);
  });
});
