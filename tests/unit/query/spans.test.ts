import { describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/query/parse';
import { highlightRanges, mergeRanges } from '@/lib/query/spans';
import { normalize } from '@/lib/text/normalize';

const marks = (text: string, q: string) => {
  const ranges = highlightRanges(text, normalize(text), parseQuery(q).terms);
  return ranges.map((r) => text.slice(r.start, r.end));
};

describe('highlightRanges', () => {
  const text = '围绕提升内涵素质,做强“书香政协”品牌。大力弘扬崇学之风,精心打造“书香政协·文润资阳”品牌。';

  it('marks every occurrence of a term with exact UTF-16 offsets', () => {
    const ranges = highlightRanges(text, normalize(text), parseQuery('书香政协').terms);
    expect(ranges).toEqual([
      { start: 12, end: 16 },
      { start: 34, end: 38 },
    ]);
  });

  it('marks the words of a term that is not in the text as typed', () => {
    expect(marks('资阳市政协主席会议', '资阳政协')).toEqual(['资阳', '政协']);
  });

  it('marks the original characters of traditional text searched in simplified', () => {
    expect(marks('推進高質量發展,共43戶', '高质量发展 43户')).toEqual(['高質量發展', '43戶']);
  });

  it('marks half-width text searched with full-width input', () => {
    expect(marks('回望过去的一年,资阳市政协', '一年，资阳')).toEqual(['一年,资阳']);
  });

  it('does not mark excluded terms', () => {
    expect(marks('政协委员和政协机关', '政协 -委员')).toEqual(['政协', '政协']);
  });
});

describe('mergeRanges', () => {
  it('merges overlapping matches into the longest extent', () => {
    expect(
      mergeRanges([
        { start: 4, end: 6 },
        { start: 0, end: 3 },
        { start: 2, end: 5 },
        { start: 8, end: 9 },
      ]),
    ).toEqual([
      { start: 0, end: 6 },
      { start: 8, end: 9 },
    ]);
  });
});

describe('termSpans', () => {
  it('marks nothing of a term whose words are not all there (43户 against 1435场次)', () => {
    expect(marks('开展1435场次小微协商活动', '43户')).toEqual([]);
  });
});
