import { buildIndex, type SearchIndex } from '@/lib/search/build';
import type { ReportSource } from '@/lib/search/types';

/** A one-report index over inline paragraphs, for tests that need a few lines of Chinese. */
export function indexOf(paragraphs: (string | { text: string; section: string | null })[], id = 'test'): SearchIndex {
  const report: ReportSource = {
    id, title: '测试报告', date: '2023-01-01', source: null,
    paragraphs: paragraphs.map((p) => (typeof p === 'string' ? { text: p, section: null } : p)),
  };
  return buildIndex([report], 'test-hash', new Date('2023-01-01T00:00:00Z'));
}
