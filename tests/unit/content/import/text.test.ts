import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toReportSource } from '@/lib/content/import/draft';
import { describeReport } from '@/lib/content/import/meta';
import { readText } from '@/lib/content/import/text';
import { parseMarkdownReport } from '@/lib/content/markdown';
import { toMarkdown } from '@/lib/content/write';

const SEED = readFileSync('tests/fixtures/seed-ziyang-cppcc-2022.txt', 'utf8');
const COMMITTED = readFileSync('content/ziyang-cppcc-2022.md', 'utf8');

describe('importing plain text', () => {
  it('turns the seed page into exactly the report committed in content/, byte for byte', () => {
    // As `npm run import -- --region 四川省资阳市` writes it: the rest of its metadata is the title's.
    const { report } = describeReport(toReportSource('ziyang-cppcc-2022', readText(SEED)), { region: '四川省资阳市' });
    expect(report).toEqual(parseMarkdownReport('content/ziyang-cppcc-2022.md', COMMITTED));
    expect(toMarkdown(report)).toBe(COMMITTED);
  });

  it('reads the publication line for the date and source, and drops it and the site footer', () => {
    const draft = readText(SEED);
    expect(draft).toMatchObject({
      title: '百舸争流万山过——资阳市政协2022年工作综述',
      date: '2023-01-01',
      source: '主站',
    });
    const texts = draft.blocks.map((b) => b.text).join('\n');
    expect(texts).not.toMatch(/发布时间|阅读次数|返回首页|关于我们/);
  });

  it('makes short lines without sentence punctuation headings, and keeps short sentences paragraphs', () => {
    const draft = readText(
      '标题\n\n一、坚持党的领导\n\n百舸争流千帆竞,借海扬帆奋者先。\n\n（二）加强自身建设\n\n这一年,催人奋进——\n',
    );
    expect(draft.blocks).toEqual([
      { kind: 'heading', text: '一、坚持党的领导' },
      { kind: 'paragraph', text: '百舸争流千帆竞,借海扬帆奋者先。' },
      { kind: 'heading', text: '（二）加强自身建设' },
      { kind: 'paragraph', text: '这一年,催人奋进——' },
    ]);
  });
});
