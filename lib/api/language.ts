/**
 * The expert query language as the contract states it: its grammar, which the README and the
 * OpenAPI description give, and the fields a term can be limited to. The parser (query/syntax.ts)
 * reads exactly this; the limits it enforces are in limits.ts.
 */

/** The grammar, in EBNF. */
export const GRAMMAR = [
  'query = and ;',
  'and = or , { [ "AND" ] , or } ;',
  'or = unary , { ( "OR" | "|" ) , unary } ;',
  'unary = ( "NOT" | "-" ) , unary | near ;',
  'near = primary , { ( "NEAR/" , digits | "NEAR" | "SENT" ) , primary } ;  (* terms or phrases only *)',
  'primary = "(" , and , ")" | field , ":" , ( term | phrase ) | phrase | term ;',
  'field = "title" | "section" | "year" | "source" ;',
].join('\n');

/** A field a term can be limited to, and the report or paragraph property it reads. */
export const QUERY_FIELDS = ['title', 'section', 'year', 'source'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];
