import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/indexer/builder';
import { catalogPage } from '@/lib/serve/catalog';

const reports = Array.from({ length: 120 }, (_, i) => ({
  id: `r${i}`,
  title: `报告${i}`,
  // Dates out of order, some missing.
  date: i % 10 === 9 ? null : `20${String(10 + (i % 13)).padStart(2, '0')}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
  source: null,
  paragraphs: Array.from({ length: 1 + (i % 3) }, (_, k) => ({ text: `第${i}份报告第${k}段。`, section: null })),
}));
const index = buildIndex(reports, { contentHash: 'h' });

describe('catalogPage', () => {
  it('lists every report once, newest first, undated last, 50 a page', () => {
    const pages = [1, 2, 3].map((p) => catalogPage(index, p));
    expect(pages.map((p) => p.reports.length)).toEqual([50, 50, 20]);
    const all = pages.flatMap((p) => p.reports);
    expect(new Set(all.map((r) => r.id)).size).toBe(120);
    const dates = all.map((r) => r.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all[0]).toMatchObject({ paragraphs: expect.any(Number) });
    expect(pages[0]).toMatchObject({ total: 120, page: 1, pages: 3 });
  });

  it('clamps a page out of range or not a number', () => {
    expect(catalogPage(index, 99).page).toBe(3);
    expect(catalogPage(index, Number.NaN).page).toBe(1);
    expect(catalogPage(index, -4).page).toBe(1);
  });
});
