import { describe, expect, it } from 'vitest';
import {
  cslJsonCitation,
  gbt7714Citation,
  plainCitation,
  risCitation,
  today,
  type CitationSource,
} from '@/lib/results/citation';

const paragraph: CitationSource = {
  title: '百舸争流万山过——资阳市政协2022年工作综述',
  publisher: '主站',
  date: '2023-01-01',
  url: 'https://example.org/reports/ziyang-cppcc-2022/p-5ba58209ce',
  section: '创先争优树品牌',
  ordinal: 22,
  citedOn: '2026-11-28',
};
const report: CitationSource = {
  ...paragraph,
  url: 'https://example.org/reports/ziyang-cppcc-2022',
  section: undefined,
  ordinal: undefined,
};

describe('citations', () => {
  it('copies the plain form the page always did', () => {
    expect(plainCitation(paragraph)).toMatchInlineSnapshot(
      `"《百舸争流万山过——资阳市政协2022年工作综述》, 创先争优树品牌, 第22段, https://example.org/reports/ziyang-cppcc-2022/p-5ba58209ce"`,
    );
  });

  it('copies GB/T 7714-2015 for an electronic resource: 题名[EB/OL]. 发布者, 发布日期[引用日期]. URL.', () => {
    expect(gbt7714Citation(paragraph)).toMatchInlineSnapshot(
      `"百舸争流万山过——资阳市政协2022年工作综述[EB/OL]. 主站, 2023-01-01[2026-11-28]. https://example.org/reports/ziyang-cppcc-2022/p-5ba58209ce."`,
    );
    expect(gbt7714Citation({ ...report, publisher: null })).toMatchInlineSnapshot(
      `"百舸争流万山过——资阳市政协2022年工作综述[EB/OL]. 2023-01-01[2026-11-28]. https://example.org/reports/ziyang-cppcc-2022."`,
    );
  });

  it('writes an RIS record reference managers import', () => {
    expect(risCitation(paragraph).split('\r\n')).toEqual([
      'TY  - ELEC',
      'TI  - 百舸争流万山过——资阳市政协2022年工作综述',
      'T2  - 创先争优树品牌',
      'N1  - 第22段',
      'PB  - 主站',
      'PY  - 2023',
      'DA  - 2023/01/01',
      'UR  - https://example.org/reports/ziyang-cppcc-2022/p-5ba58209ce',
      'Y2  - 2026/11/28',
      'LA  - zh',
      'ER  -',
      '',
    ]);
  });

  it('writes a CSL-JSON webpage item', () => {
    expect(JSON.parse(cslJsonCitation(report, 'ziyang-cppcc-2022'))).toEqual([
      {
        id: 'ziyang-cppcc-2022',
        type: 'webpage',
        title: '百舸争流万山过——资阳市政协2022年工作综述',
        publisher: '主站',
        issued: { 'date-parts': [[2023, 1, 1]] },
        accessed: { 'date-parts': [[2026, 11, 28]] },
        URL: 'https://example.org/reports/ziyang-cppcc-2022',
        language: 'zh-CN',
      },
    ]);
  });

  it("dates a citation with the citer's today", () => {
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
