import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOKEN_SEPARATOR } from '@/lib/text/analyze';
import { createWordIndex, exportWords, loadWords, lookUpWord, WordMap } from '@/lib/index/words';

/** Paragraphs as lists of word tokens: Chinese, Latin, digits, an astral character. */
const paragraphs = [
  ['资阳', '政协', '协商'],
  ['政协', '委员', '2022'],
  ['😀', '政协', 'gdp'],
  ['协商', '民主', '协商'],
  [],
  ['资阳市', '资阳'],
];

function built(tokens: string[][]) {
  const index = createWordIndex();
  tokens.forEach((words, i) => index.add(i, words.join(TOKEN_SEPARATOR)));
  return index;
}

const ids = (a: Uint32Array) => Array.from(a);

describe('the word index loaded from postings', () => {
  const original = built(paragraphs);
  const postings = exportWords(original);
  const loaded = loadWords(postings);

  it('answers every word as the index it was exported from, and nothing for others', () => {
    for (const word of [...new Set(paragraphs.flat()), '资', '资阳市政协', 'GDP', '', '😀😀', '民']) {
      expect(ids(lookUpWord(loaded, word, paragraphs.length)), word).toEqual(
        ids(lookUpWord(original, word, paragraphs.length)),
      );
    }
    expect(ids(lookUpWord(loaded, '政协', paragraphs.length))).toEqual([0, 1, 2]);
    expect(ids(lookUpWord(loaded, '资阳市政协', paragraphs.length))).toEqual([]);
  });

  it('finds each of many words, colliding ones included, through its table', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4, unit: 'grapheme' }), { maxLength: 300 }),
        (words) => {
          const clean = words.filter((w) => !w.includes(TOKEN_SEPARATOR) && w.trim() === w && w.length > 0);
          const map = new WordMap(exportWords(built(clean.map((w) => [w]))));
          expect(map.size).toBe(clean.length);
          clean.forEach((w, i) => expect(map.get(w)?.map(ids)).toEqual([[i]]));
          expect(map.has('\u0002absent')).toBe(false);
        },
      ),
    );
  });

  it('refuses to be written to', () => {
    const map = new WordMap(postings);
    expect(() => (map as Map<string, Uint32Array[]>).set('新', [])).toThrow(/read-only/);
  });
});
