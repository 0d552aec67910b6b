import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/indexer/builder';
import { search } from '@/lib/eval/search';
import { indexOf } from '@/tests/helpers';

const index = indexOf([
  '资阳市政协主席会议成员走访委员企业43户。', // 0
  '发展全过程人民民主,为全面发展协商民主提出了更高的要求。', // 1
  '党的二十大胜利召开,党和国家事业发展。', // 2
  '狠抓党建、党风廉政和意识形态工作。', // 3
  '中国农业发展银行支持乡村振兴,待处理事项逐项办理。', // 4
  '資陽政協推進高質量發展。', // 5
  '共立案并办结委员提案196件,做好人好事4687件。', // 6
  '政协委员围绕民生提出建议。', // 7
]);
const texts = (q: string, limit = 100) => search(index, q, { limit, offset: 0 }).hits.map((h) => h.text);

describe('literal recall', () => {
  it('finds 阳市政 inside 资阳市政协', () => {
    expect(texts('阳市政')).toEqual([index.paragraphs.text(0)]);
  });

  it('finds 商民主 inside 协商民主', () => {
    expect(texts('商民主')).toEqual([index.paragraphs.text(1)]);
  });

  it('finds a single character wherever it occurs', () => {
    expect(search(index, '党', { limit: 10, offset: 0 }).total).toBe(2);
  });

  it('finds the parts of words jieba keeps whole: 农业 in 中国农业发展银行, 处理 in 待处理', () => {
    expect(texts('农业')).toContain(index.paragraphs.text(4));
    expect(texts('处理')).toContain(index.paragraphs.text(4));
  });

  it('finds numbers with units, full-width input included', () => {
    expect(texts('43户')).toEqual([index.paragraphs.text(0)]);
    expect(texts('４３户')).toEqual([index.paragraphs.text(0)]);
    expect(texts('196件')).toEqual([index.paragraphs.text(6)]);
    expect(texts('87件')).toEqual([index.paragraphs.text(6)]);
  });

  it('finds traditional text with simplified input and the reverse', () => {
    expect(texts('高质量发展')).toEqual([index.paragraphs.text(5)]);
    expect(texts('资阳市政協')).toEqual([index.paragraphs.text(0)]);
  });

  it('counts every match in total while returning one page', () => {
    const r = search(index, '发展', { limit: 1, offset: 0 });
    expect(r.total).toBe(4);
    expect(r.hits).toHaveLength(1);
    expect(search(index, '发展', { limit: 2, offset: 3 }).hits).toHaveLength(1);
  });
});

describe('query syntax', () => {
  it('ANDs space-separated terms', () => {
    expect(texts('委员 43户')).toEqual([index.paragraphs.text(0)]);
  });

  it('matches a term as words when it does not occur as typed', () => {
    const r = search(index, '资阳政协', { limit: 10, offset: 0 });
    expect(r.hits.map((h) => h.text)).toEqual([index.paragraphs.text(5), index.paragraphs.text(0)]);
    expect(r.hits.every((h) => h.match === 'word')).toBe(true);
  });

  it('matches a quoted phrase only as written', () => {
    expect(texts('"资阳政协"')).toEqual([index.paragraphs.text(5)]);
  });

  it('excludes -terms', () => {
    expect(texts('党 -党建')).toEqual([index.paragraphs.text(2)]);
  });

  it('falls back to partial matches and says so', () => {
    const r = search(index, '党风 乡村振兴', { limit: 10, offset: 0 });
    expect(r.partial).toBe(true);
    expect(r.total).toBe(2);
    expect(r.hits.every((h) => h.matchedTerms === 1)).toBe(true);
    expect(r.hits.map((h) => h.termMatches)).toEqual(
      expect.arrayContaining([
        ['word', null],
        [null, 'word'],
      ]),
    );
  });

  it('ranks partial matches of more terms above those of fewer', () => {
    const r = search(index, '党风 廉政 乡村振兴', { limit: 10, offset: 0 });
    expect(r.partial).toBe(true);
    expect(r.hits.map((h) => h.matchedTerms)).toEqual([2, 1]);
    expect(r.hits[0]!.text).toBe(index.paragraphs.text(3));
  });

  it('answers a blank query with no hits', () => {
    expect(search(index, '   ', { limit: 10, offset: 0 })).toMatchObject({ total: 0, hits: [], terms: [] });
  });
});

describe('ranking', () => {
  it('ranks a whole-word match above a match across word boundaries', () => {
    const ix = indexOf(['市政府召开会议。', '资阳市政协召开会议。']);
    const hits = search(ix, '市政', { limit: 10, offset: 0 }).hits;
    expect(hits.map((h) => h.match)).toEqual(['word', 'literal']);
    expect(hits.map((h) => h.termMatches)).toEqual([['word'], ['literal']]);
    expect(hits[0]!.text).toBe('市政府召开会议。');
  });

  it('ranks terms close together above scattered ones', () => {
    const ix = indexOf([
      '乡村建设取得进展,各地开展了大量工作,基层治理水平明显提升,群众满意度提高,振兴之路越走越宽。',
      '全力推进乡村振兴,各地开展了大量工作,基层治理水平明显提升,群众满意度提高,发展之路越走越宽。',
    ]);
    expect(search(ix, '乡村 振兴', { limit: 10, offset: 0 }).hits[0]!.text).toContain('乡村振兴');
  });

  it('ranks a short paragraph dense in the term above a long one mentioning it once', () => {
    const long = '书香政协建设。' + '委员们围绕中心工作积极建言献策,推动各项工作取得新成效。'.repeat(6);
    const ix = indexOf([long, '书香政协读书活动,书香满政协。']);
    expect(search(ix, '书香', { limit: 10, offset: 0 }).hits[0]!.text).toBe('书香政协读书活动,书香满政协。');
  });

  it('counts every match but scores only a shortlist when a term is everywhere', () => {
    const many = Array.from({ length: 3500 }, (_, i) => `青山${i}处,白云深处有人家,春风又绿江南岸。`);
    const ix = indexOf([...many, '山']);
    const r = search(ix, '山', { limit: 5, offset: 0 });
    expect(r.total).toBe(3501);
    expect(r.hits[0]!.text).toBe('山');
    // Pages past the shortlist are still full, and the pages together hold every match once.
    const pages = [0, 1000, 2000, 3000].flatMap((offset) =>
      search(ix, '山', { limit: 1000, offset }).hits.map((h) => h.id),
    );
    expect(pages).toHaveLength(3501);
    expect(new Set(pages).size).toBe(3501);
  });

  it('shortlists by terms matched first when no paragraph has them all', () => {
    const many = Array.from({ length: 3500 }, (_, i) => `山${i}`);
    const ix = indexOf([...many, '青青的水,长长的河流。', '水']);
    const r = search(ix, '山 水', { limit: 3, offset: 0 });
    expect(r).toMatchObject({ partial: true, total: 3502 });
    expect(r.hits.map((h) => h.text)).toEqual(['水', '山0', '山1']);
  });

  it('breaks ties by reading order, so results are deterministic', () => {
    const ix = indexOf(['同样的段落。', '同样的段落。', '同样的段落。']);
    expect(search(ix, '段落', { limit: 10, offset: 0 }).hits.map((h) => h.ordinal)).toEqual([1, 2, 3]);
  });
});

describe('facets', () => {
  it('count matches per report and list the 20 largest in reading order', () => {
    // Report k has k + 1 paragraphs mentioning 山; reports 0–4 drop out, ties go to reading order.
    const reports = Array.from({ length: 25 }, (_, k) => ({
      id: `r${k}`,
      title: `报告${k}`,
      date: null,
      source: null,
      paragraphs: [
        ...Array.from({ length: k + 1 }, (_, i) => ({ text: `山${i}`, section: k % 2 ? `章${k}` : null })),
        { text: '水', section: null },
      ],
    }));
    const ix = buildIndex(reports, { contentHash: 'test-hash' });
    const r = search(ix, '山', { limit: 1, offset: 0 });
    expect(r.total).toBe(325);
    expect(r.facets.reports.map((f) => [f.id, f.count])).toEqual(
      Array.from({ length: 20 }, (_, i) => [`r${i + 5}`, i + 6]),
    );
    expect(r.facets.sections.map((f) => f.section)).toEqual(Array.from({ length: 12 }, (_, i) => `章${2 * i + 1}`));
    expect(search(ix, '山', { limit: 100, offset: 0, report: 'r3' }).hits.map((h) => h.text)).toEqual([
      '山0',
      '山1',
      '山2',
      '山3',
    ]);
    expect(search(ix, '山', { limit: 100, offset: 0, section: '章3' }).total).toBe(4);
    expect(search(ix, '山', { limit: 100, offset: 0, report: 'none' }).total).toBe(0);
  });
});

describe('hits', () => {
  it('carry the fields of the contract', () => {
    const hit = search(index, '43户', { limit: 1, offset: 0 }).hits[0]!;
    expect(hit).toMatchObject({
      url: expect.stringMatching(new RegExp(`^/reports/test\\?q=43%E6%88%B7#${hit.id}$`)),
      doc: { id: 'test', title: '测试报告', date: '2023-01-01' },
      highlights: [{ start: 17, end: 20 }],
      snippet: '资阳市政协主席会议成员走访委员企业<mark>43户</mark>。',
      section: null,
      ordinal: 1,
    });
  });

  it('map highlights of traditional text to its own characters', () => {
    const hit = search(index, '政协 发展', { limit: 1, offset: 0 }).hits[0]!;
    expect(hit.highlights.map((r) => hit.text.slice(r.start, r.end))).toEqual(['政協', '發展']);
  });
});
