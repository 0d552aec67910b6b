import { describe, expect, it } from 'vitest';
import { previewText } from '@/lib/results/preview';

describe('previewText', () => {
  it('keeps a short paragraph whole', () => {
    expect(previewText('百舸争流千帆竞,借海扬帆奋者先。')).toBe('百舸争流千帆竞,借海扬帆奋者先。');
  });

  it('cuts a long one at the clause boundary nearest 100 characters, with …', () => {
    const text =
      '回望过去的一年,资阳市政协用“干在实处、走在前列,奋勇争先、力争上游”的工作热情高效履职,扎实开展“做强基层打基础、提升三力勇担当、比学赶超争一流”主题活动,各项工作迈出坚实步伐、取得良好成绩,为践行全过程人民民主,发挥专门协商机构作用写下了全新注脚。';
    const preview = previewText(text);
    expect(preview).toMatchInlineSnapshot(
      `"回望过去的一年,资阳市政协用“干在实处、走在前列,奋勇争先、力争上游”的工作热情高效履职,扎实开展“做强基层打基础、提升三力勇担当、比学赶超争一流”主题活动,各项工作迈出坚实步伐、取得良好成绩…"`,
    );
    expect(Array.from(preview).length).toBeGreaterThan(80);
    expect(Array.from(preview).length).toBeLessThanOrEqual(131);
  });

  it('cuts where there is no clause boundary at all', () => {
    expect(previewText('政'.repeat(300))).toBe('政'.repeat(100) + '…');
  });
});
