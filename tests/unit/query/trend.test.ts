import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literalScan } from '@/lib/eval/literal-scan';
import { Scratch } from '@/lib/index/postings';
import { buildIndex } from '@/lib/indexer/builder';
import { parseQuery } from '@/lib/query/parse';
import { trendOf, type TrendBy } from '@/lib/query/trend';
import { NO_FILTERS } from '@/lib/api/params';
import { archive, ARCHIVE_REPORTS, passes, WORDINGS, type Options } from '@/tests/fixtures/archive';

const index = buildIndex(archive(), { contentHash: 'test', builtAt: new Date('2024-01-01T00:00:00Z') });
const norms = Array.from({ length: index.paragraphs.count }, (_, i) => index.paragraphs.norm(i));
const reportAt = (id: number) => index.paragraphs.columns.report[id]!;
const scratch = new Scratch();
const trend = (qs: string[], by: TrendBy, o: Options = {}) =>
  trendOf(
    index,
    qs.map((q) => ({ q, parsed: parseQuery(q) })),
    by,
    { ...NO_FILTERS, ...o },
    scratch,
  );
const yearOf = (r: number) => {
  const m = ARCHIVE_REPORTS[r]!;
  return m.year ?? (m.date ? Number(m.date.slice(0, 4)) : null);
};
/** Occurrences of each term, counted by splitting the text: none of these terms overlaps itself or another. */
const occurrences = (text: string, q: string) => q.split(' ').reduce((n, term) => n + text.split(term).length - 1, 0);

describe('trends', () => {
  it('count per year exactly what the literal scan finds: paragraphs, occurrences, characters', () => {
    fc.assert(
      fc.property(
        fc.subarray([...WORDINGS.map((w) => w.text), '工作', '县政府 完成', '政协'], { minLength: 1, maxLength: 6 }),
        fc.constantFrom<Options>(
          {},
          { region: ['江南省'] },
          { kind: ['政府工作报告', '综述'] },
          { from: '2021', to: '2023' },
          { level: ['市'], to: '2023-01' },
        ),
        (qs, o) => {
          const series = trend(qs, 'year', o);
          const kept = new Set(ARCHIVE_REPORTS.filter((m) => passes(m, o)).map((m) => m.id));
          qs.forEach((q, k) => {
            const s = series[k]!;
            expect(s.q).toBe(q);
            const ids = literalScan(norms, q).filter((id) => kept.has(ARCHIVE_REPORTS[reportAt(id)]!.id));
            expect(s.paragraphs).toBe(ids.length);
            expect(s.occurrences).toBe(ids.reduce((n, id) => n + occurrences(norms[id]!, q), 0));
            const keys = [...new Set([...kept].map((id) => yearOf(ARCHIVE_REPORTS.findIndex((m) => m.id === id))))]
              .filter((y) => y !== null)
              .sort((a, b) => a! - b!)
              .map(String);
            expect(s.buckets.map((b) => b.key)).toEqual(keys);
            for (const b of s.buckets) {
              const inYear = ids.filter((id) => String(yearOf(reportAt(id))) === b.key);
              expect(b.paragraphs).toBe(inYear.length);
              expect(b.occurrences).toBe(inYear.reduce((n, id) => n + occurrences(norms[id]!, q), 0));
              const text = norms.filter(
                (_, id) => String(yearOf(reportAt(id))) === b.key && kept.has(ARCHIVE_REPORTS[reportAt(id)]!.id),
              );
              expect(b.characters).toBe(text.reduce((n, t) => n + [...t].length, 0));
              expect(b.perTenThousand).toBeCloseTo((b.occurrences * 10_000) / b.characters, 2);
            }
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('shows a wording arriving and leaving: zeros before 乡村振兴 began and after 脱贫攻坚 ended', () => {
    const [rise, fall] = trend(['乡村振兴', '脱贫攻坚'], 'year');
    const by = (s: typeof rise) => Object.fromEntries(s!.buckets.map((b) => [b.key, b.paragraphs]));
    expect(Object.keys(by(rise))).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    expect(by(rise)['2019']).toBe(0);
    expect(by(rise)['2024']).toBeGreaterThan(0);
    expect(by(fall)['2019']).toBeGreaterThan(0);
    expect(by(fall)['2022']).toBe(0);
  });

  it('buckets by any report field, keys in order, reports oldest first; a report with no value is in none', () => {
    const [kinds] = trend(['工作'], 'kind');
    expect(kinds!.buckets.map((b) => b.key)).toEqual(['人大常委会工作报告', '政协工作报告', '政府工作报告', '综述']);
    expect(kinds!.paragraphs).toBeGreaterThan(kinds!.buckets.reduce((n, b) => n + b.paragraphs, 0)); // 调研札记 has no kind
    const [reports] = trend(['工作'], 'report', { region: ['海东省'] });
    expect(reports!.buckets.map((b) => b.key)).toEqual(['haibei-npc-2023', 'haibei-cppcc-2024', 'haidong-gov-2024']);
    const [regions] = trend(['工作'], 'region', { level: ['省'] });
    expect(regions!.buckets.map((b) => b.key)).toEqual(['江南省', '海东省']);
  });

  it('an empty collection, or a filter that leaves none, has no buckets and counts nothing', () => {
    const [none] = trend(['工作'], 'year', { region: ['火星'] });
    expect(none).toEqual({ q: '工作', paragraphs: 0, occurrences: 0, buckets: [] });
    const empty = buildIndex([], { contentHash: 'empty', builtAt: new Date(0) });
    expect(trendOf(empty, [{ q: '工作', parsed: parseQuery('工作') }], 'year', NO_FILTERS, scratch)).toEqual([
      { q: '工作', paragraphs: 0, occurrences: 0, buckets: [] },
    ]);
  });
});
