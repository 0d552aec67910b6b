import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { readDocx } from '@/lib/content/import/docx';
import { readDateLine, takeDateLine } from '@/lib/content/import/draft';
import { readHtml } from '@/lib/content/import/html';
import { readText } from '@/lib/content/import/text';

describe("a report's date line", () => {
  it('is read in every form reports print it', () => {
    expect(readDateLine('2024-03-05')).toBe('2024-03-05');
    expect(readDateLine('2024年3月5日')).toBe('2024-03-05');
    expect(readDateLine('（2024年3月5日）')).toBe('2024-03-05');
    expect(readDateLine('——2024年3月5日在青溪县第九届人民代表大会第三次会议上')).toBe('2024-03-05');
    expect(readDateLine('(2024年3月5日在政协青溪县第九届委员会第三次会议上)')).toBe('2024-03-05');
    expect(readDateLine('二〇二四年三月二十五日')).toBe('2024-03-25');
    expect(readDateLine('2024.3.5')).toBe('2024-03-05');
  });

  it('is not a sentence that mentions a date, nor an impossible date', () => {
    expect(readDateLine('2024年3月5日，县政协召开常委会议。')).toBeNull();
    expect(readDateLine('截至2024年3月5日')).toBeNull();
    expect(readDateLine('2024年2月30日')).toBeNull();
    expect(readDateLine('一、凝心聚力谱新篇')).toBeNull();
  });

  it('gives the date and leaves the body only when it stands under the title, before the first section', () => {
    const blocks = [
      { kind: 'heading' as const, text: '一、总体情况' },
      { kind: 'paragraph' as const, text: '2024年3月5日' },
    ];
    expect(takeDateLine({ title: 't', date: null, source: null, blocks })).toEqual({
      title: 't',
      date: null,
      source: null,
      blocks,
    });
  });
});

const LINES = [
  '青溪县政协工作报告',
  '——2024年3月5日在政协青溪县第九届委员会第三次会议上',
  '一、凝心聚力谱新篇',
  '过去一年，县政协组织委员开展调研。',
];
const EXPECTED = {
  title: '青溪县政协工作报告',
  date: '2024-03-05',
  blocks: [
    { kind: 'heading', text: '一、凝心聚力谱新篇' },
    { kind: 'paragraph', text: '过去一年，县政协组织委员开展调研。' },
  ],
};

describe('the date line in each format', () => {
  it('plain text: the date, and not a paragraph', () => {
    expect(readText(LINES.join('\n'))).toMatchObject(EXPECTED);
  });

  it('a web page: the date line wins over the page’s publication date, which is when it was posted', () => {
    const page = `<html><head><title>${LINES[0]}</title><meta name="PubDate" content="2024-03-20"></head><body>
      <div class="article"><h1>${LINES[0]}</h1><p>${LINES[1]}</p><h2>${LINES[2]}</h2><p>${LINES[3]}</p></div></body></html>`;
    expect(readHtml(Buffer.from(page))).toMatchObject(EXPECTED);
  });

  it('a Word file: the date, and not a paragraph', async () => {
    const file = Buffer.from(
      await Packer.toBuffer(
        new Document({
          sections: [
            {
              children: [
                new Paragraph({ text: LINES[0]!, heading: HeadingLevel.TITLE }),
                new Paragraph({ text: LINES[1]! }),
                new Paragraph({ text: LINES[2]!, heading: HeadingLevel.HEADING_1 }),
                new Paragraph({ text: LINES[3]! }),
              ],
            },
          ],
        }),
      ),
    );
    expect(await readDocx(file)).toMatchObject(EXPECTED);
  });
});
