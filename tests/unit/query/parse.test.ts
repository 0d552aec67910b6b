import { describe, expect, it } from 'vitest';
import { MAX_TERMS } from '@/lib/api/limits';
import { parseQuery, QueryError } from '@/lib/query/parse';

const shape = (q: string) => parseQuery(q).terms.map((t) => `${t.kind}:${t.text}`);

describe('parseQuery', () => {
  it('splits terms on spaces, full-width ones included', () => {
    expect(shape('书香政协　品牌')).toEqual(['term:书香政协', 'term:品牌']);
  });

  it('reads quoted phrases, ASCII and Chinese quotes alike', () => {
    expect(shape('"有事来协商" “书香 政协”')).toEqual(['phrase:有事来协商', 'phrase:书香 政协']);
  });

  it('reads -term as an exclusion and puts exclusions last', () => {
    expect(shape('-优秀 提案')).toEqual(['term:提案', 'exclude:优秀']);
  });

  it('normalises terms as documents are', () => {
    const q = parseQuery('推進 ４３户');
    expect(q.normalized).toBe('推进 43户');
    expect(q.terms[1]).toEqual({ text: '43户', kind: 'term', words: ['43', '户'], expansions: [] });
  });

  it('drops repeated terms and a lone dash', () => {
    expect(shape('政协 政协 -')).toEqual(['term:政协']);
  });

  it('refuses more than the maximum number of terms with a message', () => {
    const q = Array.from({ length: MAX_TERMS + 1 }, (_, i) => `词${i}`).join(' ');
    expect(() => parseQuery(q)).toThrow(QueryError);
    expect(() => parseQuery(q)).toThrow(/最多 10 个/);
  });

  it('refuses a query over 200 characters, counting code points', () => {
    expect(() => parseQuery('政'.repeat(201))).toThrow(/200/);
    expect(parseQuery('😀'.repeat(200)).terms).toHaveLength(1);
  });
});
