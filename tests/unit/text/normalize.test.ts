import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, normalizeChar, toOriginalRanges } from '@/lib/text/normalize';

describe('normalize', () => {
  it('turns traditional characters into simplified ones', () => {
    expect(normalize('推進高質量發展')).toBe('推进高质量发展');
  });

  it('turns full-width digits, letters and punctuation into half-width', () => {
    expect(normalize('４３户')).toBe('43户');
    expect(normalize('一年，资阳')).toBe('一年,资阳');
    expect(normalize('ＧＤＰ')).toBe('gdp');
  });

  it('normalises text character by character, astral characters and lone surrogates included', () => {
    const unit = fc.constantFrom('資', 'Ａ', 'B', '，', '😀', '𠀀', '\ud800', '\udc00', 'ﬁ', '㍿', 'a');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 16 }), (text) => {
        expect(normalize(text)).toBe(Array.from(text, normalizeChar).join(''));
      }),
    );
  });

  it('maps ranges of the normalised text back to the characters they came from, expanding and astral ones included', () => {
    const unit = fc.constantFrom('資', 'Ａ', '，', '😀', '\ud800', '㍿', 'ﬁ', '﷽', 'a');
    const input = fc.string({ unit, maxLength: 16 }).chain((text) => {
      const n = normalize(text).length;
      const range = fc.tuple(fc.nat(n), fc.nat(n)).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
      return fc.tuple(fc.constant(text), fc.array(range, { maxLength: 4 }));
    });
    fc.assert(
      fc.property(input, ([text, ranges]) => {
        // Where each normalised unit came from, character by character.
        const from: number[] = [];
        const to: number[] = [];
        let offset = 0;
        for (const ch of text) {
          for (let i = 0; i < normalizeChar(ch).length; i++) {
            from.push(offset);
            to.push(offset + ch.length);
          }
          offset += ch.length;
        }
        const expected = ranges.map((r) =>
          r.end <= r.start ? { start: 0, end: 0 } : { start: from[r.start]!, end: to[r.end - 1]! },
        );
        expect(toOriginalRanges(text, ranges)).toEqual(expected);
      }),
    );
  });

  it('folds Latin case', () => {
    expect(normalize('GDP增长')).toBe('gdp增长');
  });

  it('normalises a substring to a substring of the normalised text, even where phrases convert differently', () => {
    // OpenCC's phrase table turns 乾燥 into 干燥 but leaves 乾隆; per-character conversion keeps 乾 findable in both.
    const text = '乾隆年間氣候乾燥';
    for (let i = 0; i < text.length; i++) {
      for (let j = i + 1; j <= text.length; j++) {
        expect(normalize(text)).toContain(normalize(text.slice(i, j)));
      }
    }
  });

  it('maps normalised offsets back to the original characters', () => {
    const text = '重量５㎏，發展😀好';
    const norm = normalize(text);
    expect(norm).toBe('重量5kg,发展😀好');
    const kg = norm.indexOf('kg');
    const fz = norm.indexOf('发展');
    const good = norm.indexOf('好');
    const [kgRange, fzRange, goodRange] = toOriginalRanges(text, [
      { start: kg, end: kg + 2 },
      { start: fz, end: fz + 2 },
      { start: good, end: good + 1 },
    ]);
    expect(kgRange).toEqual({ start: 3, end: 4 });
    expect(text.slice(fzRange!.start, fzRange!.end)).toBe('發展');
    expect(goodRange).toEqual({ start: 9, end: 10 });
  });
});
