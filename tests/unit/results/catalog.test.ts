import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/indexer/builder';
import { searcherOf } from '@/lib/backend/embedded/searcher';
import { catalogPage } from '@/lib/results/catalog';

const reports = Array.from({ length: 120 }, (_, i) => ({
  id: `r${i}`,
  title: `报告${i}`,
  // Dates out of order, some missing.
  date: i % 10 === 9 ? null : `20${String(10 + (i % 13)).padStart(2, '0')}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
  source: null,
  paragraphs: Array.from({ length: 1 + (i % 3) }, (_, k) => ({ text: `第${i}份报告第${k}段。`, section: null })),
}));
const searcher = searcherOf(buildIndex(reports, { contentHash: 'h' }));

describe('catalogPage', () => {
  it('lists every report once, newest first, undated last, 50 a page', async () => {
    const pages = await Promise.all([1, 2, 3].map((p) => catalogPage(searcher, p)));
    expect(pages.map((p) => p.reports.length)).toEqual([50, 50, 20]);
    const all = pages.flatMap((p) => p.reports);
    expect(new Set(all.map((r) => r.id)).size).toBe(120);
    const dates = all.map((r) => r.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all[0]).toMatchObject({ paragraphs: expect.any(Number) });
    expect(pages[0]).toMatchObject({ total: 120, page: 1, pages: 3 });
  });

  it('clamps a page out of range or not a number', async () => {
    expect((await catalogPage(searcher, 99)).page).toBe(3);
    expect((await catalogPage(searcher, Number.NaN)).page).toBe(1);
    expect((await catalogPage(searcher, -4)).page).toBe(1);
  });
});
