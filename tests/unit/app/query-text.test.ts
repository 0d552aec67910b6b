import { describe, expect, it } from 'vitest';
import { formQuery, narrowed, quoteTerm, withoutTerm } from '@/app/components/queryText';
import { describeTree } from '@/lib/query/reading';
import { parseQuery } from '@/lib/query/parse';

const reading = (q: string) => describeTree(parseQuery(q))?.reading ?? q;

describe('the advanced form writes the query it means', () => {
  it('joins rows left to right, each with everything above it', () => {
    const rows = [
      { field: '' as const, op: 'AND' as const, text: '碳达峰' },
      { field: '' as const, op: 'OR' as const, text: '碳中和' },
      { field: '' as const, op: 'AND' as const, text: '试点' },
    ];
    expect(formQuery(rows)).toBe('(碳达峰 OR 碳中和) 试点');
    expect(reading(formQuery(rows))).toBe('((碳达峰 OR 碳中和) AND 试点)');
    const other = [rows[0]!, { ...rows[2]! }, { ...rows[1]! }];
    expect(reading(formQuery(other))).toBe('((碳达峰 AND 试点) OR 碳中和)');
  });

  it('limits rows to fields, excludes with NOT, adds a span of years, and skips empty rows', () => {
    const q = formQuery(
      [
        { field: 'title', op: 'AND', text: '政协 工作' },
        { field: '', op: 'AND', text: '' },
        { field: 'section', op: 'NOT', text: '自身建设' },
      ],
      { from: '2020', to: '2023' },
    );
    expect(q).toBe('title:"政协 工作" NOT section:自身建设 year:2020-2023');
    expect(reading(q)).toBe('(title:政协 工作 AND NOT section:自身建设 AND year:2020-2023)');
  });

  it('quotes a term holding a space, an operator word or a bracket, and nothing else', () => {
    expect(quoteTerm('书香政协')).toBe('书香政协');
    expect(quoteTerm('OR')).toBe('"OR"');
    expect(quoteTerm('(一)')).toBe('"(一)"');
    expect(quoteTerm('-优秀')).toBe('"-优秀"');
  });
});

describe('searching within results', () => {
  it('adds a term to the query, and takes it away again', () => {
    const q = narrowed('品牌 OR 书香', '政协');
    expect(q).toBe('品牌 OR 书香 政协');
    expect(reading(q)).toBe('((品牌 OR 书香) AND 政协)');
    expect(withoutTerm(q, '政协')).toBe('品牌 OR 书香');
    expect(withoutTerm(narrowed('政协', '有事 来协商'), '有事 来协商')).toBe('政协');
  });
});
