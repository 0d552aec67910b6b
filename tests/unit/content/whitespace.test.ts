import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean } from '@/lib/content/import/draft';
import { parseMarkdownReport } from '@/lib/content/markdown';
import { joinLines, toMarkdown } from '@/lib/content/write';

/**
 * A run of a million spaces inside a line: linear code handles it in milliseconds, while the
 * regexes these functions used (`\s+$`, `\s*\n\s*`) take time quadratic in the run — hours here —
 * so a regression fails by the test's timeout rather than by a timing assertion.
 */
const RUN = ' '.repeat(1_000_000);
const SPACES = fc.string({ unit: fc.constantFrom(' ', '\u3000', '\u00a0', '\t', '\n', '\r', '\ufeff', '资', 'a') });

describe('whitespace in content and imported lines', () => {
  it('cleans a line with a million spaces inside, keeping them', () => {
    expect(clean(`　a${RUN}b `)).toBe(`a${RUN}b`);
  });

  it('cleans exactly what the old indentation regex removed', () => {
    const old = (line: string) => line.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/gu, '');
    fc.assert(
      fc.property(SPACES, (line) => {
        expect(clean(line)).toBe(old(line));
      }),
      { numRuns: 500 },
    );
  });

  it('parses a Markdown report whose paragraph holds a million spaces', () => {
    const report = parseMarkdownReport('w.md', `---\ntitle: 空格\n---\n\n甲${RUN}乙  \n`);
    expect(report.paragraphs).toEqual([{ text: `甲${RUN}乙`, section: null }]);
  });

  it('writes a paragraph with a million spaces and no line break as it is', () => {
    const md = toMarkdown({
      id: 'w',
      title: 't',
      date: null,
      source: null,
      paragraphs: [{ text: `甲${RUN}乙`, section: null }],
    });
    expect(md).toContain(`甲${RUN}乙`);
  });

  it('joins a paragraph’s lines as the old line-break regex did', () => {
    const old = (text: string) => text.replace(/\s*\n\s*/g, '');
    fc.assert(
      fc.property(SPACES, (text) => {
        expect(joinLines(text)).toBe(old(text));
      }),
      { numRuns: 500 },
    );
  });
});
