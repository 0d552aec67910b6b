import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, normalizeChar, normalizeWithMap, toOriginal } from '@/lib/text/normalize';

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

  it('maps each normalised unit back to the character it came from, expanding and astral ones included', () => {
    const unit = fc.constantFrom('資', 'Ａ', '，', '😀', '\ud800', '㍿', 'ﬁ', '﷽', 'a');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 16 }), (text) => {
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
        const map = normalizeWithMap(text);
        expect(map.text).toBe(normalize(text));
        expect(Array.from(map.from)).toEqual(from);
        expect(Array.from(map.to)).toEqual(to);
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
    const map = normalizeWithMap(text);
    expect(map.text).toBe('重量5kg,发展😀好');
    const kg = map.text.indexOf('kg');
    expect(toOriginal(map, { start: kg, end: kg + 2 })).toEqual({ start: 3, end: 4 });
    const fz = map.text.indexOf('发展');
    expect(text.slice(...Object.values(toOriginal(map, { start: fz, end: fz + 2 })))).toBe('發展');
    const smile = map.text.indexOf('好');
    expect(toOriginal(map, { start: smile, end: smile + 1 })).toEqual({ start: 9, end: 10 });
  });
});
