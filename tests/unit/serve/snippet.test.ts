import { describe, expect, it } from 'vitest';
import { highlightRanges } from '@/lib/query/spans';
import { segmentsToHtml } from '@/lib/serve/segments';
import { normalize } from '@/lib/text/normalize';
import { parseQuery } from '@/lib/query/parse';
import { makeSnippet } from '@/lib/serve/snippet';

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
