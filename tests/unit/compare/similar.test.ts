import { describe, expect, it } from 'vitest';
import { Scratch } from '@/lib/index/postings';
import { SIMILARITY_THRESHOLD, similarityOf, similarParagraphs } from '@/lib/compare/similar';
import type { ReportSource } from '@/lib/content/types';
import { buildIndex } from '@/lib/indexer/builder';
import { MOVED, PLANTED, twoYears } from '@/tests/fixtures/two-years';

const stamp = { contentHash: 'test', builtAt: new Date('2024-01-01T00:00:00Z') };

/** A made-up collection: reports of sentences drawn from phrase pools, a few of them copied with changes. */
function plantedCollection(seed: number) {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const who = ['县政府', '市政协', '区人大常委会', '乡镇党委', '县教育局', '市卫健委', '开发区管委会'];
  const did = ['组织开展', '深入调研', '持续推进', '协商督办', '统筹实施', '重点监督'];
  const what = [
    '老旧小区改造',
    '乡村公路建设',
    '茶叶品牌培育',
    '义务教育均衡',
    '医疗服务提升',
    '河湖生态治理',
    '营商环境优化',
  ];
  const much = [
    '完成项目十二个',
    '投入资金三亿元',
    '惠及群众两万人',
    '新建学校四所',
    '整治河道九条',
    '培训人员八百人次',
  ];
  const sentence = () => `${pick(who)}${pick(did)}${pick(what)}工作，${pick(much)}，${pick(much)}。`;
  const reports: ReportSource[] = Array.from({ length: 40 }, (_, r) => ({
    id: `made-up-${r}`,
    title: `第${r}号报告`,
    date: null,
    source: null,
    paragraphs: Array.from({ length: 12 }, () => ({ text: sentence() + sentence(), section: null })),
  }));
  // Planted: a paragraph copied into three other reports with two characters changed.
  const planted: { from: number; copies: string[] }[] = [];
  for (let k = 0; k < 8; k++) {
    const from = Math.floor(random() * reports.length);
    const original = reports[from]!.paragraphs[k]!.text;
    const copies: string[] = [];
    for (let c = 1; c <= 3; c++) {
      const chars = Array.from(original);
      for (let e = 0; e < 2; e++) chars[Math.floor(random() * chars.length)] = pick(['甲', '乙', '丙']);
      const copy = `${chars.join('')}（${k}-${c}）`;
      reports[(from + c * 7) % reports.length]!.paragraphs.push({ text: copy, section: null });
      copies.push(copy);
    }
    planted.push({ from, copies: [original, ...copies] });
  }
  return { reports, planted };
}

describe('similar paragraphs', () => {
  it("finds the neighbour's copy of a paragraph, with a few characters changed", () => {
    const index = buildIndex(twoYears(), stamp);
    const at = index.paragraphs.texts.all().lastIndexOf(MOVED); // the 2023 report's
    const found = similarParagraphs(index, at, 10, new Scratch()).map((s) => ({
      text: index.paragraphs.text(s.id),
      report: index.reports.get(index.paragraphs.columns.report[s.id]!).id,
    }));
    expect(found).toContainEqual({ text: PLANTED, report: 'shiqiao-2023' });
    expect(found).toContainEqual({ text: MOVED, report: 'qingxi-2022' });
    expect(found.some((f) => f.report === 'qingxi-2023')).toBe(false);
  });

  it('finds exactly the paragraphs of other reports a scan of every pair finds at or above the threshold', () => {
    const { reports, planted } = plantedCollection(7);
    const index = buildIndex(reports, stamp);
    const norms = index.paragraphs.norms.all();
    const reportOf = index.paragraphs.columns.report;
    const scratch = new Scratch();
    let plantedFound = 0;
    for (let id = 0; id < norms.length; id++) {
      const expected = norms
        .map((n, p) => ({ id: p, similarity: similarityOf(norms[id]!, n) }))
        .filter((s) => reportOf[s.id] !== reportOf[id] && s.similarity >= SIMILARITY_THRESHOLD)
        .sort((x, y) => y.similarity - x.similarity || x.id - y.id);
      const found = similarParagraphs(index, id, 1000, scratch);
      expect(found.map((f) => f.id)).toEqual(expected.map((e) => e.id));
      for (const [f, e] of found.map((f, i) => [f, expected[i]!] as const))
        expect(f.similarity).toBeCloseTo(e.similarity, 12);
      const group = planted.find((g) => g.copies.includes(index.paragraphs.text(id)));
      if (group) {
        const others = group.copies.filter((c) => c !== index.paragraphs.text(id));
        const texts = found.map((f) => index.paragraphs.text(f.id));
        for (const other of others) expect(texts).toContain(other);
        plantedFound += others.length;
      }
    }
    expect(plantedFound).toBe(8 * 4 * 3);
  });

  it('finds none for a line too short to tell apart', () => {
    const index = buildIndex(twoYears(), stamp);
    const short = buildIndex(
      [
        ...twoYears(),
        { id: 'short', title: '短', date: null, source: null, paragraphs: [{ text: '这一年，', section: null }] },
      ],
      stamp,
    );
    expect(index.paragraphs.count).toBeGreaterThan(0);
    expect(similarParagraphs(short, short.paragraphs.count - 1, 10, new Scratch())).toEqual([]);
  });
});
