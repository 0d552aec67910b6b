import { describe, expect, it } from 'vitest';
import { changesBetween } from '@/lib/compare/changes';
import { FIGURES_2022, FIGURES_2023 } from '@/tests/fixtures/two-years';

const marked = (text: string, ranges: { start: number; end: number }[]) =>
  ranges.map((r) => text.slice(r.start, r.end));

describe('changes within a pair of paragraphs', () => {
  it('calls out each changed figure with its unit and the words before it', () => {
    expect(changesBetween(FIGURES_2022, FIGURES_2023).figures).toEqual([
      { a: '7.5%', b: '7%', before: '全年地区生产总值增长' },
      { a: '12.6亿元', b: '13.1亿元', before: '一般公共预算收入达到' },
      { a: '412件', b: '455件', before: '办理人大代表建议和政协提案' },
    ]);
  });

  it('marks what was removed from the first and added in the second, and nothing else', () => {
    const { removed, added } = changesBetween(FIGURES_2022, FIGURES_2023);
    expect(marked(FIGURES_2022, removed)).toEqual(['7.5%', '12.6亿元', '412件']);
    expect(marked(FIGURES_2023, added)).toEqual(['7%', '13.1亿元', '455件']);
  });

  it('marks characters, not whole words, where wording changed', () => {
    const { removed, added, figures } = changesBetween('加强生态环境保护', '全面加强生态保护');
    expect(marked('加强生态环境保护', removed)).toEqual(['环境']);
    expect(marked('全面加强生态保护', added)).toEqual(['全面']);
    expect(figures).toEqual([]);
  });

  it('takes a year for no changed figure', () => {
    const { figures, removed } = changesBetween('2022年完成投资45亿元', '2023年完成投资45亿元');
    expect(figures).toEqual([]);
    expect(marked('2022年完成投资45亿元', removed)).toEqual(['2022']);
  });

  it('finds nothing changed between a paragraph and itself', () => {
    expect(changesBetween(FIGURES_2022, FIGURES_2022)).toEqual({ removed: [], added: [], figures: [] });
  });

  it('marks a paragraph against an empty one as all added', () => {
    expect(changesBetween('', '新增一段')).toEqual({ removed: [], added: [{ start: 0, end: 4 }], figures: [] });
  });
});

describe('changes between paragraphs too far apart to diff', () => {
  it('mark the middle of each whole, leaving what both start and end with unmarked', () => {
    const filler = (seed: number) =>
      Array.from({ length: 1999 }, (_, i) => String.fromCharCode(0x4e00 + ((i * seed + seed) % 500))).join('');
    const a = `开头相同${filler(7)}结尾相同`;
    const b = `开头相同${filler(11)}结尾相同`;
    const { removed, added } = changesBetween(a, b);
    expect(removed).toEqual([{ start: 4, end: a.length - 4 }]);
    expect(added).toEqual([{ start: 4, end: b.length - 4 }]);
  });
});
