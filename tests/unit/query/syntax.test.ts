import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_NEAR_DISTANCE, MAX_TERMS } from '@/lib/api/limits';
import { parseQuery, QueryError } from '@/lib/query/parse';
import { describeTree } from '@/lib/query/reading';

/** How the engine read a query, as the API's `reading` says it. */
const reading = (q: string) => describeTree(parseQuery(q))?.reading ?? null;
/** The error a query is refused with: its code and position. */
function refusal(q: string): { code: string; position: number | undefined } {
  try {
    parseQuery(q);
  } catch (err) {
    if (err instanceof QueryError) return { code: err.code, position: err.position };
    throw err;
  }
  throw new Error(`"${q}" was not refused`);
}

describe('the expert query language', () => {
  it('reads OR and |, binding tighter than the space that means AND', () => {
    expect(reading('碳达峰 OR 碳中和')).toBe('(碳达峰 OR 碳中和)');
    expect(reading('碳达峰 | 碳中和 试点')).toBe('((碳达峰 OR 碳中和) AND 试点)');
    expect(reading('碳达峰|碳中和')).toBe('(碳达峰 OR 碳中和)');
  });

  it('reads NOT and a leading - as exclusions of what follows, and AND as a space', () => {
    expect(reading('(碳达峰 OR 碳中和) -试点')).toBe('((碳达峰 OR 碳中和) AND NOT 试点)');
    expect(reading('政协 AND NOT 委员')).toBe('(政协 AND NOT 委员)');
    expect(parseQuery('政协 OR NOT 委员').terms.map((t) => t.kind)).toEqual(['term', 'exclude']);
  });

  it('groups with parentheses, ASCII or full-width, and nests them', () => {
    expect(reading('(政协 OR 人大) (委员 OR 代表)')).toBe('((政协 OR 人大) AND (委员 OR 代表))');
    expect(reading('（政协 OR 人大） 委员')).toBe('((政协 OR 人大) AND 委员)');
    expect(reading('((a OR b) c) OR d')).toBe('(((a OR b) AND c) OR d)');
  });

  it('limits terms to fields: title, section, year (or a span of years) and source, a phrase too', () => {
    expect(describeTree(parseQuery('title:小康 发展'))?.tree[1]).toEqual({
      op: 'field',
      field: 'title',
      value: '小康',
    });
    expect(reading('section:協商 year:2020-2023 source:主站')).toBe(
      '(section:协商 AND year:2020-2023 AND source:主站)',
    );
    expect(reading('title:"资阳 政协" OR year:2023')).toBe('(title:资阳 政协 OR year:2023)');
  });

  it('reads NEAR/n, NEAR (10) and SENT between two terms or phrases, and a chain as each neighbouring pair', () => {
    expect(reading('政协 NEAR/5 委员')).toBe('(政协 NEAR/5 委员)');
    expect(reading('"政协" NEAR 委员')).toBe('("政协" NEAR/10 委员)');
    expect(reading('政协 SENT 委员')).toBe('(政协 SENT 委员)');
    expect(reading('政协 NEAR/3 委员 SENT 提案')).toBe('((政协 NEAR/3 委员) AND (委员 SENT 提案))');
  });

  it('keeps Chinese words, lower-case letters and parentheses that hold no operator as text', () => {
    for (const q of [
      '政协 或 委员',
      '政协 和 委员',
      'or and not',
      '(一)',
      '（二）加强',
      '1）加强',
      '1+7+N',
      '提案 -优秀',
      '"有事来协商"',
    ])
      expect(parseQuery(q).tree, q).toBeUndefined();
    expect(parseQuery('(一)').terms.map((t) => t.text)).toEqual(['(一)']);
    expect(parseQuery('政协 或 委员').terms.map((t) => t.text)).toEqual(['政协', '或', '委员']);
  });

  it('numbers each distinct term once, so a term typed twice is looked up once', () => {
    const parsed = parseQuery('(政协 OR 委员) (政协 OR 提案)');
    expect(parsed.terms.map((t) => t.text)).toEqual(['政协', '委员', '提案']);
  });
});

describe('errors of the expert language, each with its place in the query', () => {
  it('an unbalanced parenthesis', () => {
    expect(refusal('(政协 OR 委员')).toEqual({ code: 'unbalanced_parenthesis', position: 0 });
    expect(refusal('政协 (委员 OR (提案 人大)')).toEqual({ code: 'unbalanced_parenthesis', position: 3 });
    // With nothing else of the language, a bracket never closed is text, as Ctrl-F reads it.
    for (const q of ['(', '(界别', '委员(界', '（一']) expect(parseQuery(q).tree, q).toBeUndefined();
  });

  it('an operator with nothing on one side', () => {
    expect(refusal('政协 OR')).toEqual({ code: 'missing_operand', position: 3 });
    expect(refusal('OR 政协')).toEqual({ code: 'missing_operand', position: 0 });
    expect(refusal('政协 | | 委员')).toEqual({ code: 'missing_operand', position: 3 });
    expect(refusal('政协 AND')).toEqual({ code: 'missing_operand', position: 3 });
    expect(refusal('政协 NOT')).toEqual({ code: 'missing_operand', position: 3 });
    expect(refusal('政协 NEAR/5')).toEqual({ code: 'missing_operand', position: 3 });
    expect(refusal('(政协 OR ) 委员')).toEqual({ code: 'missing_operand', position: 4 });
  });

  it('an unknown field, and a field without a value', () => {
    expect(refusal('政协 kind:政协工作报告')).toEqual({ code: 'unknown_field', position: 3 });
    expect(refusal('title: 政协')).toEqual({ code: 'empty_field', position: 0 });
  });

  it('NEAR or SENT beside a group, an empty phrase', () => {
    expect(refusal('(政协 OR 人大) NEAR 委员')).toEqual({ code: 'near_operand', position: 1 });
    expect(refusal('政协 SENT (委员 OR 提案)')).toEqual({ code: 'near_operand', position: 9 });
    expect(refusal('"" OR 政协')).toEqual({ code: 'empty_phrase', position: 0 });
  });

  it('a query of exclusions alone, which would select nearly everything and rank nothing', () => {
    expect(refusal('NOT 政协')).toEqual({ code: 'only_exclusions', position: 0 });
    expect(refusal('NOT 政协 -委员')).toEqual({ code: 'only_exclusions', position: 0 });
    expect(parseQuery('NOT 政协 year:2023').tree).toBeDefined();
  });

  it('the limits: nesting, NEAR distance, terms', () => {
    const deep = `${'('.repeat(MAX_DEPTH + 1)}a OR b${')'.repeat(MAX_DEPTH + 1)}`;
    expect(refusal(deep)).toEqual({ code: 'query_too_deep', position: MAX_DEPTH });
    expect(parseQuery(`${'('.repeat(MAX_DEPTH)}a OR b${')'.repeat(MAX_DEPTH)}`).tree).toBeDefined();
    expect(refusal(`政协 NEAR/${MAX_NEAR_DISTANCE + 1} 委员`)).toEqual({ code: 'near_too_far', position: 3 });
    for (const bad of ['NEAR/x', 'NEAR/', 'NEAR/-1', 'NEAR/1.5'])
      expect(refusal(`"营商环境" ${bad} "乡村振兴"`)).toEqual({ code: 'near_distance', position: 7 });
    const many = Array.from({ length: MAX_TERMS + 1 }, (_, i) => `词${i}`);
    expect(refusal(many.join(' OR '))).toEqual({
      code: 'too_many_terms',
      position: many.join(' OR ').lastIndexOf('词'),
    });
  });
});
