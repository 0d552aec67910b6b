import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/indexer/builder';
import { MAX_SECTIONS, MAX_TOKENS } from '@/lib/index/columns';
import type { ReportSource } from '@/lib/content/types';

const stamp = { contentHash: 'test', builtAt: new Date('2023-01-01T00:00:00Z') };

function report(id: string, paragraphs: ReportSource['paragraphs']): ReportSource {
  return { id, title: id, date: null, source: null, paragraphs };
}

describe('the paragraph table a build makes', () => {
  it('numbers paragraphs from 1 in each report and keeps their sections', () => {
    const index = buildIndex(
      [
        report('a', [
          { text: '导语', section: null },
          { text: '一段', section: '一' },
        ]),
        report('b', [
          { text: '二段', section: '二' },
          { text: '三段', section: '三' },
        ]),
      ],
      stamp,
    );
    const rows = index.paragraphs.range(0, 4).map((p) => [p.report, p.ordinal, p.section]);
    expect(rows).toEqual([
      [0, 1, -1],
      [0, 2, 0],
      [1, 1, 0],
      [1, 2, 1],
    ]);
  });

  it('stores a paragraph of more tokens than its 16 bits hold at the largest length', () => {
    const index = buildIndex([report('long', [{ text: '政协 '.repeat(MAX_TOKENS + 10), section: null }])], stamp);
    expect(index.paragraphs.get(0).length).toBe(MAX_TOKENS);
  });

  it('refuses a report with more sections than a paragraph can point to', () => {
    const paragraphs = Array.from({ length: MAX_SECTIONS + 1 }, (_, i) => ({ text: '段', section: `第${i}节` }));
    expect(() => buildIndex([report('many', paragraphs)], stamp)).toThrow(/more than 32767 sections/);
  });
});
