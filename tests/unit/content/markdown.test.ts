import { describe, expect, it } from 'vitest';
import { ContentError } from '@/lib/content/fields';
import { parseMarkdownReport } from '@/lib/content/markdown';

const report = `---
title: 测试报告
date: 2023-01-01
source: 主站
---

导语第一段,资阳。

## 第一部分

第一部分的段落
续行。

## 第二部分

“引号”和 1+7+N 原样保留。
`;

describe('parseMarkdownReport', () => {
  it('reads front matter, sections and paragraphs verbatim', () => {
    const r = parseMarkdownReport('content/test-report.md', report);
    expect(r).toMatchObject({ id: 'test-report', title: '测试报告', date: '2023-01-01', source: '主站' });
    expect(r.paragraphs).toEqual([
      { text: '导语第一段,资阳。', section: null },
      { text: '第一部分的段落续行。', section: '第一部分' },
      { text: '“引号”和 1+7+N 原样保留。', section: '第二部分' },
    ]);
  });

  it('names the file and line of malformed front matter', () => {
    const bad = '---\ntitle: 报告\nthis is not a key\n---\n\n段落';
    expect(() => parseMarkdownReport('content/bad.md', bad)).toThrow(/content\/bad\.md:3: front matter line/);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => parseMarkdownReport('c/x.md', '---\ntitle: t\ndate: 2023年\n---\n\n段')).toThrow(ContentError);
  });

  it('marks a report whose front matter says ocr: true, and refuses any other value than true or false', () => {
    expect(parseMarkdownReport('c/s.md', '---\ntitle: t\nocr: true\n---\n\n段')).toMatchObject({ ocr: true });
    expect(parseMarkdownReport('c/s.md', '---\ntitle: t\nocr: false\n---\n\n段')).not.toHaveProperty('ocr');
    expect(() => parseMarkdownReport('c/s.md', '---\ntitle: t\nocr: yes\n---\n\n段')).toThrow(
      /c\/s\.md:4: ocr "yes" is not true or false/,
    );
  });

  it('reads region, level, kind and year, and refuses each when it is not what it says', () => {
    const front = (lines: string) => `---\ntitle: t\n${lines}\n---\n\n段`;
    expect(
      parseMarkdownReport('c/m.md', front('region: 四川省资阳市\nlevel: 市\nkind: 政协工作报告\nyear: 2022')),
    ).toMatchObject({ region: '四川省资阳市', level: '市', kind: '政协工作报告', year: 2022 });
    expect(parseMarkdownReport('c/m.md', front('kind: 调研报告'))).toMatchObject({ kind: '调研报告' });
    expect(() => parseMarkdownReport('c/m.md', front('level: 地级'))).toThrow(
      /c\/m\.md:4: level "地级" is not one of 国家, 省, 市, 县/,
    );
    expect(() => parseMarkdownReport('c/m.md', front('year: 二〇二二'))).toThrow(
      /year "二〇二二" is not a year such as 2023/,
    );
    expect(() => parseMarkdownReport('c/m.md', front('region: 四川省 资阳市'))).toThrow(/must be one word/);
    expect(() => parseMarkdownReport('c/m.md', front('dynasty: 唐'))).toThrow(/unknown front matter key "dynasty"/);
  });

  it('refuses a report without paragraphs', () => {
    expect(() => parseMarkdownReport('c/empty.md', '---\ntitle: t\n---\n\n## 只有标题\n')).toThrow(/no paragraphs/);
  });

  it('refuses a file name that cannot be a URL', () => {
    expect(() => parseMarkdownReport('c/报告 一.md', '---\ntitle: t\n---\n\n段')).toThrow(/file name/);
  });
});
