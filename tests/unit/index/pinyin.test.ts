import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringColumn } from '@/lib/index/columns';
import {
  buildPinyinIndex,
  readingRun,
  readingsOf,
  readingTable,
  wordsReading,
  wordsReadingFrom,
} from '@/lib/index/pinyin';

const vocabulary = ['政协', '正写', '书香', '了', '重要', '银行', '中心', 'gdp', '2022', '有事来协商', '绿色'];
const index = buildPinyinIndex(StringColumn.from(vocabulary));
const words = (ks: ArrayLike<number>) => Array.from(ks, (k) => vocabulary[k]).sort();

describe('pinyin readings of the vocabulary', () => {
  it('reads words in context and single characters every way', () => {
    expect(readingsOf('重要')).toEqual([['zhong', 'yao']]);
    expect(readingsOf('银行')).toEqual([['yin', 'hang']]);
    expect(
      readingsOf('了')
        .map((r) => r.join(''))
        .sort(),
    ).toEqual(['le', 'liao']);
  });

  it('finds words by full reading, by initials and by prefix; words without Han characters have none', () => {
    expect(words(wordsReading(index.full, 'zhengxie'))).toEqual(['政协', '正写']); // homophones, both spelled so
    expect(words(wordsReading(index.initials, 'zx'))).toEqual(['中心', '政协', '正写']);
    expect(words(wordsReadingFrom(index.full, 'zheng', 10))).toEqual(['政协', '正写']);
    expect(words(wordsReading(index.full, 'lvse'))).toEqual(['绿色']);
    expect([...wordsReading(index.full, 'gdp')]).toEqual([]);
  });

  it('looks up exactly what a scan of every reading finds', () => {
    const pairs: [string, number][] = [];
    vocabulary.forEach((w, k) => {
      if (!/^\p{Script=Han}+$/u.test(w)) return;
      for (const r of readingsOf(w)) pairs.push([r.join('').replace('ü', 'v'), k]);
    });
    const key = fc.oneof(
      fc.constantFrom(...pairs.map((p) => p[0])),
      fc.string({ unit: fc.constantFrom('z', 'h', 'e', 'n', 'g', 'x', 'i'), maxLength: 8 }),
    );
    fc.assert(
      fc.property(key, (k) => {
        expect(words(wordsReading(index.full, k))).toEqual(
          [...new Set(pairs.filter((p) => p[0] === k).map((p) => vocabulary[p[1]]))].sort(),
        );
        const run = readingRun(index.full, k);
        expect(words(run.words)).toEqual(words(wordsReading(index.full, k)));
        expect(run.longer).toBe(pairs.some((p) => p[0].startsWith(k) && p[0].length > k.length));
        expect(words(wordsReadingFrom(index.full, k, 100))).toEqual(
          pairs
            .filter((p) => p[0].startsWith(k))
            .map((p) => vocabulary[p[1]])
            .sort(),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('a reading table', () => {
  it('sorts pairs by reading, then word, as comparing strings does, long readings sharing a prefix included', () => {
    const reading = fc.oneof(
      fc.string({ unit: fc.constantFrom('z', 'h', 'o', 'n', 'g'), maxLength: 14 }),
      fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 200 }), (keys) => {
        const words = keys.map((_, i) => Math.floor(i / 2)); // pairs come in word order, some words twice
        const table = readingTable(keys, words);
        const expected = keys
          .map((k, i) => [k, words[i]!] as const)
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
        expect(table.keys.all()).toEqual(expected.map((p) => p[0]));
        expect(Array.from(table.words)).toEqual(expected.map((p) => p[1]));
      }),
    );
  });
});
