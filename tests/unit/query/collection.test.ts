import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/indexer/builder';
import { literalScan } from '@/lib/eval/literal-scan';
import type { SearchIndex } from '@/lib/index/model';
import { search } from '@/lib/eval/search';
import { archive, ARCHIVE_REPORTS, passes, WORDINGS, type Options } from '@/tests/fixtures/archive';

const index: SearchIndex = buildIndex(archive(), {
  contentHash: 'test',
  builtAt: new Date('2024-01-01T00:00:00Z'),
});
const norms = Array.from({ length: index.paragraphs.count }, (_, i) => index.paragraphs.norm(i));
const reportOf = (id: number) => ARCHIVE_REPORTS[index.paragraphs.columns.report[id]!]!;

type Meta = (typeof ARCHIVE_REPORTS)[number];

const valueOf = (m: Meta, dimension: string): string | null => {
  if (dimension === 'years') {
    const year = m.year ?? (m.date ? Number(m.date.slice(0, 4)) : null);
    return year === null ? null : String(year);
  }
  const field = { regions: m.region, levels: m.level, kinds: m.kind, sources: m.source }[dimension];
  return field ?? null;
};

const QUERIES = [...WORDINGS.map((w) => w.text), '工作', '政协', '乡村', '县政府 完成'];
const YEARS = ['2019', '2020', '2021', '2022', '2023', '2024'];
const options = fc.record(
  {
    from: fc.constantFrom(...YEARS, '2021-02', '2022-01-15', '2023-01'),
    to: fc.constantFrom(...YEARS, '2023-01-31', '2021-12', '2024-01'),
    region: fc.subarray(['江南省', '江南省青溪县', '海东省', '海东省海北市', '江南省白山市']),
    level: fc.subarray(['国家', '省', '市', '县']),
    kind: fc.subarray(['政府工作报告', '政协工作报告', '综述', '人大常委会工作报告']),
    source: fc.subarray(['青溪县人民政府', '政协白山市委员会', '海东省人民政府']),
  },
  { requiredKeys: [] },
);

describe('filters, facets and date order over a collection', () => {
  it('count exactly what the literal scan finds in the filtered reports, and each facet under the other filters', () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUERIES), options, (q, o) => {
        const scanned = literalScan(norms, q);
        const answer = search(index, q, { limit: 100, offset: 0, ...o });
        const expected = scanned.filter((id) => passes(reportOf(id), o));
        expect(answer.total).toBe(expected.length);
        expect(
          answer.hits
            .map((h) => h.doc.id)
            .every((id) =>
              passes(
                ARCHIVE_REPORTS.find((m) => m.id === id)!,
                o,
              ),
            ),
        ).toBe(true);
        for (const dimension of ['years', 'regions', 'levels', 'kinds', 'sources'] as const) {
          const counts = new Map<string, number>();
          for (const id of scanned) {
            const m = reportOf(id);
            const value = valueOf(m, dimension);
            if (value !== null && passes(m, o, dimension)) counts.set(value, (counts.get(value) ?? 0) + 1);
          }
          const got = new Map(answer.facets[dimension].map((f) => [f.value, f.count]));
          expect(got).toEqual(counts);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a region is a prefix: 江南省 holds its counties and cities, and the province itself', () => {
    const ids = new Set(search(index, '工作', { limit: 100, offset: 0, region: ['江南省'] }).hits.map((h) => h.doc.id));
    expect(ids.has('jiangnan-gov-2023')).toBe(true);
    expect(ids.has('qingxi-gov-2019')).toBe(true);
    expect(ids.has('haidong-gov-2024')).toBe(false);
  });

  it('a year compares the year a report covers, a month or a day its date; a report without a date is in no month', () => {
    const reports = (o: Options) =>
      new Set(search(index, '工作', { limit: 100, offset: 0, ...o }).hits.map((h) => h.doc.id));
    // 白山市政协's 2022 review was published on 2023-01-05.
    expect(reports({ from: '2022', to: '2022' }).has('baishan-cppcc-2022')).toBe(true);
    expect(reports({ from: '2023-01', to: '2023-01' }).has('baishan-cppcc-2022')).toBe(true);
    expect(reports({ to: '2022-12' }).has('baishan-cppcc-2022')).toBe(false);
    // A report with only a year is in that year, and in no month.
    expect(reports({ from: '2020', to: '2020' })).toEqual(new Set(['yearonly-2020']));
    expect(reports({ from: '2020-01' }).has('yearonly-2020')).toBe(false);
    expect(reports({ from: '2019' }).has('undated-notes')).toBe(false);
  });

  it('newest and oldest first: report by report in date order, each in reading order, the same set as by relevance', () => {
    for (const sort of ['newest', 'oldest'] as const) {
      const pages = [0, 100].flatMap((offset) => search(index, '工作', { limit: 100, offset, sort }).hits);
      const byRelevance = search(index, '工作', { limit: 100, offset: 0 });
      expect(pages).toHaveLength(Math.min(byRelevance.total, 200));
      const key = (h: (typeof pages)[number]) => h.doc.date ?? (h.doc.year === null ? null : String(h.doc.year));
      for (let i = 1; i < pages.length; i++) {
        const [a, b] = [pages[i - 1]!, pages[i]!];
        if (a.doc.id === b.doc.id) {
          expect(b.ordinal).toBeGreaterThan(a.ordinal);
          continue;
        }
        expect(pages.slice(i).some((h) => h.doc.id === a.doc.id)).toBe(false); // a report's hits are together
        const [ka, kb] = [key(a), key(b)];
        if (ka === null)
          expect(kb).toBeNull(); // undated last
        else if (kb !== null) expect(sort === 'newest' ? ka >= kb : ka <= kb).toBe(true);
      }
      expect(pages[0]!.doc.id).toBe(sort === 'newest' ? 'haidong-gov-2024' : 'qingxi-gov-2019');
      expect(pages.at(-1)!.doc.id).toBe('undated-notes');
    }
  });

  it('a filter nothing has matches nothing, and the facets still offer the other values', () => {
    const answer = search(index, '工作', { limit: 10, offset: 0, region: ['火星'] });
    expect(answer.total).toBe(0);
    expect(answer.hits).toEqual([]);
    expect(answer.facets.regions.length).toBeGreaterThan(3);
    expect(answer.facets.years.reduce((n, f) => n + f.count, 0)).toBe(0);
  });

  it('groups by report: each report once, its count exact, its best hits first, in the order of its best hit', () => {
    for (const q of ['工作', '乡村振兴', '县政府 完成']) {
      const flat = search(index, q, { limit: 100, offset: 0 });
      const all = [0, 100].flatMap((offset) => search(index, q, { limit: 100, offset }).hits);
      const grouped = search(index, q, { limit: 4, offset: 0, group: 'report' });
      const firstSeen = [...new Set(all.map((h) => h.doc.id))];
      expect(grouped.groupTotal).toBe(firstSeen.length);
      expect(grouped.total).toBe(flat.total);
      expect(grouped.hits).toEqual([]);
      expect(grouped.groups!.map((g) => g.report.id)).toEqual(firstSeen.slice(0, 4));
      for (const g of grouped.groups!) {
        const own = all.filter((h) => h.doc.id === g.report.id);
        expect(g.count).toBe(own.length);
        expect(g.hits[0]!.id).toBe(own[0]!.id);
        expect(g.hits.length).toBe(Math.min(3, own.length));
      }
      const next = search(index, q, { limit: 4, offset: 4, group: 'report' });
      expect(next.groups!.map((g) => g.report.id)).toEqual(firstSeen.slice(4, 8));
    }
    const newest = search(index, '工作', { limit: 3, offset: 0, group: 'report', sort: 'newest' });
    expect(newest.groups!.map((g) => g.report.id)).toEqual([
      'haidong-gov-2024',
      'haibei-cppcc-2024',
      'haibei-npc-2023',
    ]);
    expect(newest.groups![0]!.hits.map((h) => h.ordinal)).toEqual(
      [...newest.groups![0]!.hits.map((h) => h.ordinal)].sort((a, b) => a - b),
    );
  });

  it('compares years as numbers, so a year before 1000 is in its range', () => {
    const old = buildIndex(
      [960, 1100].map((year) => ({
        id: `poem-${year}`,
        title: `诗${year}`,
        date: null,
        source: null,
        year,
        paragraphs: [{ text: '春风又绿江南岸', section: null }],
      })),
      { contentHash: 'old', builtAt: new Date(0) },
    );
    const ids = (from: string, to: string) =>
      search(old, '春风', { limit: 10, offset: 0, from, to }).hits.map((h) => h.doc.id);
    expect(ids('0900', '1000')).toEqual(['poem-960']);
    expect(ids('0960', '1100')).toEqual(['poem-960', 'poem-1100']);
    expect(search(old, '春风', { limit: 10, offset: 0 }).facets.years.map((y) => y.value)).toEqual(['960', '1100']);
  });
});
