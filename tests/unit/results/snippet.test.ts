import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightRanges } from '@/lib/query/spans';
import { segmentsToHtml } from '@/lib/results/marks';
import { normalize } from '@/lib/text/normalize';
import { parseQuery } from '@/lib/query/parse';
import { bestWindow, makeSnippet, SNIPPET_LENGTH } from '@/lib/results/snippet';

const LONG =
  '着力创新凝聚共识载体,成立资阳高新区、临空经济区政协工作站和7个委员(界别)工作室,组建委员志愿服务队,进一步延伸工作链条,拓展工作阵地。' +
  '不断深化“双走进”,首次邀请界别群众走进政协,了解政协工作并提出意见建议。聚焦疫情防控精准发力,主席会议成员走访委员企业43户帮助协调解决问题46个,' +
  '助力疫情防控成效得到市委主要领导肯定性批示。此外,围绕乡村振兴、耕地保护、民生改善等方面开展协商调研,提出一系列协商意见和建议,' +
  '在助推发展方面见真章,助力人民群众获得感和幸福感的提升。一年来,共立案并办结委员提案196件。';

const snippet = (text: string, q: string) =>
  segmentsToHtml(makeSnippet(text, highlightRanges(text, normalize(text), parseQuery(q).terms)));

describe('makeSnippet', () => {
  it('returns a short paragraph whole, every match marked', () => {
    expect(snippet('百舸争流千帆竞,借海扬帆奋者先。', '帆')).toMatchInlineSnapshot(
      `"百舸争流千<mark>帆</mark>竞,借海扬<mark>帆</mark>奋者先。"`,
    );
  });

  it('cuts a long paragraph around the match at clause boundaries, with ellipses', () => {
    expect(snippet(LONG, '196件')).toMatchInlineSnapshot(
      `"…助力疫情防控成效得到市委主要领导肯定性批示。此外,围绕乡村振兴、耕地保护、民生改善等方面开展协商调研,提出一系列协商意见和建议,在助推发展方面见真章,助力人民群众获得感和幸福感的提升。一年来,共立案并办结委员提案<mark>196件</mark>。"`,
    );
  });

  it('prefers the window holding the most distinct terms', () => {
    const html = snippet(LONG, '政协 43户');
    expect(html).toContain('<mark>43户</mark>');
    expect(html).toContain('<mark>政协</mark>');
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(80) + '资阳' + '😀'.repeat(80);
    const html = snippet(text, '资阳');
    expect(html).toContain('<mark>资阳</mark>');
    expect(html).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});

/** The window search as it was first written: every window against every match. The plain model the fast one must agree with. */
function naiveWindow(text: string, ranges: { start: number; end: number }[], maxLength: number): [number, number] {
  let best: [number, number] = [0, maxLength];
  let bestKey = [-1, -1];
  for (const anchor of ranges) {
    let start = Math.max(anchor.start - Math.floor(maxLength / 5), 0);
    const end = Math.min(start + maxLength, text.length);
    start = Math.max(end - maxLength, 0);
    const inside = ranges.filter((r) => r.start >= start && r.end <= end);
    const distinct = new Set(inside.map((r) => text.slice(r.start, r.end).toLowerCase())).size;
    if (distinct > bestKey[0]! || (distinct === bestKey[0] && inside.length > bestKey[1]!)) {
      best = [start, end];
      bestKey = [distinct, inside.length];
    }
  }
  return best;
}

describe('makeSnippet over many matches', () => {
  it('picks the same window as comparing every window with every match', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('甲', '乙', '丙', 'A', 'a', '，'), minLength: 120, maxLength: 400 }),
        fc.array(fc.constantFrom('甲', '乙', '丙', 'a', '甲乙'), { minLength: 1, maxLength: 3 }),
        (text, terms) => {
          const ranges = highlightRanges(text, normalize(text), parseQuery(terms.join(' ')).terms);
          fc.pre(ranges.length > 0);
          expect(bestWindow(text, ranges, SNIPPET_LENGTH)).toEqual(naiveWindow(text, ranges, SNIPPET_LENGTH));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts a snippet from a paragraph with 300,000 matches of one character', () => {
    // Quadratic in the matches (as it was), this takes minutes and fails by the test's timeout.
    const text = '政协'.repeat(300_000) + '。';
    const ranges = highlightRanges(text, normalize(text), parseQuery('政').terms);
    expect(ranges).toHaveLength(300_000);
    const segments = makeSnippet(text, ranges);
    expect(segments[0]).toEqual({ text: '政', mark: true });
    expect(segments.filter((s) => s.mark)).toHaveLength(SNIPPET_LENGTH / 2);
  });
});
