import { describe, expect, it } from 'vitest';
import type { ReportSource } from '@/lib/content/types';
import { buildIndex } from '@/lib/indexer/builder';
import { titleYear } from '@/lib/content/fields';
import { earlierReport, reportsTitled } from '@/lib/backend/embedded/reports';

const report = (id: string, title: string): ReportSource => ({
  id,
  title,
  date: null,
  source: null,
  paragraphs: [{ text: `${title}的正文。`, section: null }],
});

const index = buildIndex(
  [
    report('gov-2020', '青溪县2020年政府工作报告'),
    report('gov-2022', '青溪县2022年政府工作报告'),
    report('gov-2023', '青溪县2023年政府工作报告'),
    report('cppcc-2022', '青溪县政协二〇二二年工作报告'),
    report('cppcc-2023', '青溪县政协二〇二三年工作报告'),
    report('other-2022', '石桥县2022年政府工作报告'),
    report('undated', '青溪县政府工作报告'),
  ],
  { contentHash: 'test' },
);

describe('the report to compare with', () => {
  it('reads the year of a title in digits or in Chinese numerals', () => {
    expect(titleYear('青溪县2023年政府工作报告')).toBe(2023);
    expect(titleYear('青溪县政协二〇二三年工作报告')).toBe(2023);
    expect(titleYear('青溪县政府工作报告')).toBeNull();
  });

  it("is the same kind of report one year earlier, or the latest earlier one, never another place's", () => {
    expect(earlierReport(index, 'gov-2023')?.id).toBe('gov-2022');
    expect(earlierReport(index, 'gov-2022')?.id).toBe('gov-2020');
    expect(earlierReport(index, 'cppcc-2023')?.id).toBe('cppcc-2022');
    expect(earlierReport(index, 'gov-2020')).toBeNull();
    expect(earlierReport(index, 'other-2022')).toBeNull();
    expect(earlierReport(index, 'undated')).toBeNull();
  });

  it('can be any report found by its title, traditional characters finding simplified', () => {
    expect(reportsTitled(index, '政協', 10).map((r) => r.id)).toEqual(['cppcc-2022', 'cppcc-2023']);
    expect(reportsTitled(index, '政府工作报告', 2)).toHaveLength(2);
    expect(reportsTitled(index, '  ', 10)).toEqual([]);
  });
});
