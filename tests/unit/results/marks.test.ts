import { describe, expect, it } from 'vitest';
import { escapeHtml, segmentsToHtml, toSegments } from '@/lib/results/marks';

describe('segments and HTML', () => {
  it('escapes everything but the <mark> it adds', () => {
    const text = '<b>资阳</b> & "政协"';
    const html = segmentsToHtml(toSegments(text, [{ start: 3, end: 5 }]));
    expect(html).toBe('&lt;b&gt;<mark>资阳</mark>&lt;/b&gt; &amp; &quot;政协&quot;');
    expect(escapeHtml("'")).toBe('&#39;');
  });
});
