import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdownReport } from '@/lib/content/markdown';
import type { ReportSource } from '@/lib/content/types';
import { toMarkdown } from '@/lib/content/write';

/** Text a paragraph or title can hold: no line breaks, no space at either end (the parser trims). */
const line = fc
  .string({
    unit: fc.constantFrom('资', '阳', '#', '\\', '-', ' ', '"', "'", ':', 'a', '1', '。'),
    minLength: 1,
    maxLength: 12,
  })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && s !== '---');

describe('toMarkdown', () => {
  it('writes reports that read back as themselves, however their text starts, with the mark of OCR text and their region, level, kind and year', () => {
    fc.assert(
      fc.property(
        line,
        fc.array(
          fc.record({
            text: line,
            section: fc.option(
              line.filter((s) => !s.startsWith('\\')),
              { nil: null },
            ),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.boolean(),
        fc.record(
          {
            region: fc.constantFrom('四川省资阳市', '青溪县'),
            level: fc.constantFrom('国家' as const, '市' as const),
            kind: fc.constantFrom('政协工作报告', '调研报告'),
            year: fc.integer({ min: 1950, max: 2100 }),
          },
          { requiredKeys: [] },
        ),
        (title, paragraphs, ocr, meta) => {
          // Sections only open: once a heading is seen, the paragraphs after it are under one.
          let open: string | null = null;
          const ordered = paragraphs.map((p) => ({ text: p.text, section: (open = p.section ?? open) }));
          const report: ReportSource = {
            id: 'r',
            title,
            date: '2023-01-01',
            source: null,
            ...meta,
            paragraphs: ordered,
          };
          if (ocr) report.ocr = true;
          expect(parseMarkdownReport('r.md', toMarkdown(report))).toEqual(report);
        },
      ),
      { numRuns: 300 },
    );
  });
});
