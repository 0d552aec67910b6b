import { describe, expect, it } from 'vitest';
import { alignParagraphs, type AlignInput, type Pair } from '@/lib/compare/align';
import { normalize } from '@/lib/text/normalize';
import {
  CLOSING,
  DROPPED,
  FIGURES_2022,
  FIGURES_2023,
  HALF_ONE,
  HALF_TWO,
  MERGED,
  MOVED,
  NEW,
  PART_ONE,
  PART_TWO,
  twoYears,
  UNCHANGED,
  WHOLE,
} from '@/tests/fixtures/two-years';

const [y2022, y2023] = twoYears().map((r) =>
  r.paragraphs.map((p): AlignInput => ({ text: p.text, norm: normalize(p.text), section: p.section })),
) as [AlignInput[], AlignInput[]];

/** The alignment as texts, so a failure reads as the paragraphs themselves. */
function asTexts(pairs: Pair[], as: AlignInput[], bs: AlignInput[]) {
  return pairs.map((p) => ({
    a: p.a === null ? null : as[p.a]!.text,
    b: p.b === null ? null : bs[p.b]!.text,
    status: p.status,
    moved: p.moved,
  }));
}

describe('aligning two reports', () => {
  const pairs = alignParagraphs(y2022, y2023);
  const texts = asTexts(pairs, y2022, y2023);

  it("pairs every paragraph of last year's report with its counterpart, in this year's reading order", () => {
    expect(texts).toEqual([
      { a: UNCHANGED, b: UNCHANGED, status: 'same', moved: false },
      { a: FIGURES_2022, b: FIGURES_2023, status: 'changed', moved: false },
      { a: WHOLE, b: HALF_ONE, status: 'changed', moved: false },
      { a: WHOLE, b: HALF_TWO, status: 'changed', moved: false },
      { a: DROPPED, b: null, status: 'dropped', moved: false },
      { a: MOVED, b: MOVED, status: 'same', moved: true },
      { a: null, b: NEW, status: 'new', moved: false },
      // MERGED is PART_ONE and PART_TWO in one: it pairs with both.
      ...[PART_ONE, PART_TWO]
        .map((a) => ({ a, b: MERGED, status: 'changed' as const, moved: false }))
        .sort((x, y) => y2022.findIndex((p) => p.text === x.a) - y2022.findIndex((p) => p.text === y.a)),
      { a: CLOSING, b: CLOSING, status: 'same', moved: false },
    ]);
  });

  it('gives a changed pair the Jaccard similarity of its bigrams, and an unpaired paragraph none', () => {
    const figures = pairs.find((p) => p.status === 'changed' && y2022[p.a!]!.text === FIGURES_2022)!;
    expect(figures.similarity).toBeGreaterThan(0.7);
    expect(figures.similarity).toBeLessThan(1);
    for (const p of pairs.filter((p) => p.status === 'new' || p.status === 'dropped')) expect(p.similarity).toBe(0);
    for (const p of pairs.filter((p) => p.status === 'same')) expect(p.similarity).toBe(1);
  });

  it('finds a report the same as itself, paragraph for paragraph', () => {
    const self = alignParagraphs(y2023, y2023);
    expect(self.map((p) => [p.a, p.b, p.status, p.moved])).toEqual(y2023.map((_, i) => [i, i, 'same', false]));
  });

  it('finds every paragraph new against an empty report, and dropped the other way round', () => {
    expect(alignParagraphs([], y2022).map((p) => p.status)).toEqual(y2022.map(() => 'new'));
    expect(alignParagraphs(y2022, []).map((p) => [p.a, p.status])).toEqual(y2022.map((_, i) => [i, 'dropped']));
    expect(alignParagraphs([], [])).toEqual([]);
  });

  it('does not pair paragraphs that only share common words', () => {
    const a = [{ text: DROPPED, norm: normalize(DROPPED), section: null }];
    const b = [{ text: NEW, norm: normalize(NEW), section: null }];
    expect(alignParagraphs(a, b).map((p) => p.status)).toEqual(['dropped', 'new']);
  });

  it('pairs a repeated paragraph once per repeat, in order', () => {
    const line = { text: UNCHANGED, norm: normalize(UNCHANGED), section: null };
    const pairs = alignParagraphs([line, line], [line, line, line]);
    expect(pairs.filter((p) => p.status === 'same').map((p) => [p.a, p.b])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(pairs.some((p) => p.b === 2)).toBe(true);
  });
});
