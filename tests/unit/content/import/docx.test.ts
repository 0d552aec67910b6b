import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { readDocx } from '@/lib/content/import/docx';
import { ImportError } from '@/lib/content/import/draft';

async function wordFile(children: Paragraph[]): Promise<Buffer> {
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

describe('importing a Word file', () => {
  it('makes the Title style the title and the Heading styles sections', async () => {
    const file = await wordFile([
      new Paragraph({ text: '资阳市政协2022年工作报告', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: '一年来，市政协坚持人民政协政治属性。' }),
      new Paragraph({ text: '一、旗帜鲜明讲政治', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({
        children: [
          new TextRun('　　市委对政协高度重视，'),
          new TextRun({ text: '充分信任', bold: true }),
          new TextRun('，交课题。'),
        ],
      }),
      new Paragraph({ text: '（一）加强理论学习', heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ text: '组织委员学习党的二十大精神。' }),
    ]);
    expect(await readDocx(file)).toEqual({
      title: '资阳市政协2022年工作报告',
      date: null,
      source: null,
      blocks: [
        { kind: 'paragraph', text: '一年来，市政协坚持人民政协政治属性。' },
        { kind: 'heading', text: '一、旗帜鲜明讲政治' },
        { kind: 'paragraph', text: '市委对政协高度重视，充分信任，交课题。' },
        { kind: 'heading', text: '（一）加强理论学习' },
        { kind: 'paragraph', text: '组织委员学习党的二十大精神。' },
      ],
    });
  });

  it('refuses a zip that is not a Word file', async () => {
    const file = await wordFile([new Paragraph({ text: '正文。' })]);
    await expect(readDocx(file.subarray(0, 200))).rejects.toThrow(ImportError);
  });
});
