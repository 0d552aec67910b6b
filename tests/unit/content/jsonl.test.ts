import { describe, expect, it } from 'vitest';
import { parseJsonLines } from '@/lib/content/jsonl';
import { search } from '@/lib/eval/search';
import { buildIndex } from '@/lib/indexer/builder';

const LINES = [
  JSON.stringify({ id: 'tang-1', title: '靜夜思（李白）', paragraphs: ['床前明月光，', '疑是地上霜。'] }),
  '',
  JSON.stringify({
    id: 'report-2',
    title: '报告',
    date: '2024-01-02',
    source: '主站',
    sections: [{ title: '一、总体', paragraphs: ['政协工作。'] }],
  }),
].join('\n');

describe('parseJsonLines', () => {
  it('reads documents with paragraphs or sections, one per line', () => {
    const docs = parseJsonLines('c/bulk.jsonl', LINES);
    expect(docs).toEqual([
      {
        id: 'tang-1',
        title: '靜夜思（李白）',
        date: null,
        source: null,
        paragraphs: [
          { text: '床前明月光，', section: null },
          { text: '疑是地上霜。', section: null },
        ],
      },
      {
        id: 'report-2',
        title: '报告',
        date: '2024-01-02',
        source: '主站',
        paragraphs: [{ text: '政协工作。', section: '一、总体' }],
      },
    ]);
  });

  it('makes traditional-character documents searchable in simplified Chinese', () => {
    const index = buildIndex(parseJsonLines('c/bulk.jsonl', LINES), { contentHash: 'h' });
    expect(search(index, '明月', { limit: 10, offset: 0 }).hits[0]!.url).toMatch(/^\/reports\/tang-1\?/);
  });

  it('names the file and line of a bad document', () => {
    expect(() => parseJsonLines('c/bulk.jsonl', LINES + '\n{"id":"x","title":"t"}')).toThrow(
      /c\/bulk\.jsonl:4: .*no paragraphs/,
    );
    expect(() => parseJsonLines('c/bulk.jsonl', '{"id":"a b","title":"t","paragraphs":["p"]}')).toThrow(
      /:1: id: id must be/,
    );
    expect(() => parseJsonLines('c/bulk.jsonl', '{oops')).toThrow(/:1: not valid JSON/);
    expect(() => parseJsonLines('c/bulk.jsonl', '{"id":"a","title":"t","ocr":"yes","paragraphs":["p"]}')).toThrow(
      /:1: ocr: /,
    );
  });

  it('reads region, level, kind and year, a year as a number or digits, and names the line of a bad one', () => {
    const [doc] = parseJsonLines(
      'c/bulk.jsonl',
      '{"id":"a","title":"t","region":"四川省","level":"省","kind":"政府工作报告","year":2023,"paragraphs":["p"]}',
    );
    expect(doc).toMatchObject({ region: '四川省', level: '省', kind: '政府工作报告', year: 2023 });
    expect(parseJsonLines('c/b.jsonl', '{"id":"a","title":"t","year":"2021","paragraphs":["p"]}')[0]!.year).toBe(2021);
    expect(() => parseJsonLines('c/b.jsonl', '\n{"id":"a","title":"t","level":"乡","paragraphs":["p"]}')).toThrow(
      /c\/b\.jsonl:2: level "乡" is not one of/,
    );
  });

  it('marks a document read by OCR', () => {
    const [doc] = parseJsonLines('c/bulk.jsonl', '{"id":"a","title":"t","ocr":true,"paragraphs":["p"]}');
    expect(doc).toMatchObject({ ocr: true });
  });
});
