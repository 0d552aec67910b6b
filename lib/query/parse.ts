/** Parsing a query into terms, normalised exactly as documents are. */
import { ParamError } from '../api/errors';
import { MAX_QUERY_LENGTH, MAX_TERMS } from '../api/limits';
import type { Expansion, QueryTerm } from '../api/search';
import { normalize } from '../text/normalize';
import { codePointLength, termWords } from '../text/tokenize';
import { parseTree, QuerySyntaxError, lex, usesSyntax, type Field, type SyntaxCode, type SyntaxNode } from './syntax';

export type { Expansion, QueryTerm };

/**
 * A query the engine refuses; `code` is stable for the API, `message` is for people, `position`
 * (a UTF-16 offset in the query as typed) says where, for errors of the expert language.
 */
export class QueryError extends ParamError {
  constructor(
    readonly code:
      'query_too_long' | 'too_many_terms' | 'empty_phrase' | 'only_exclusions' | 'query_too_costly' | SyntaxCode,
    message: string,
    position?: number,
  ) {
    super(code, message, position);
    this.name = 'QueryError';
  }
}

/**
 * An expert query as the engine runs it: leaves refer to the query's terms by position, so each is
 * looked up once however often it occurs.
 */
export type QueryNode =
  | { op: 'term'; term: number }
  | { op: 'field'; field: Field; value: string }
  | { op: 'and' | 'or'; children: QueryNode[] }
  | { op: 'not'; child: QueryNode }
  | { op: 'near'; distance: number; left: number; right: number }
  | { op: 'sent'; left: number; right: number };

/** A query after normalisation and parsing. */
export interface ParsedQuery {
  /** The whole query, normalised. */
  normalized: string;
  /**
   * Terms and phrases that must match, then exclusions; for an expert query, every term of the
   * tree, those under a NOT as exclusions, in the order typed.
   */
  terms: QueryTerm[];
  /** The expert query's tree; absent for a plain one (terms ANDed, phrases, -exclusions). */
  tree?: QueryNode;
}

/** Quote pairs that open a phrase: ASCII (also what full-width ＂ normalises to) and Chinese. */
const QUOTES: Record<string, string> = { '"': '"', '\u201c': '\u201d', '\u300c': '\u300d', '\u300e': '\u300f' };

/**
 * Parses a query: space-separated terms are ANDed, "a quoted phrase" (also “…”, 「…」) must occur
 * exactly, -term excludes paragraphs containing the term. Everything is normalised as documents
 * are, so 推進 finds 推进 and ４３户 finds 43户.
 */
export function parseQuery(raw: string): ParsedQuery {
  if (codePointLength(raw) > MAX_QUERY_LENGTH) {
    throw new QueryError(
      'query_too_long',
      `查询过长：最多 ${MAX_QUERY_LENGTH} 个字符 (query is longer than ${MAX_QUERY_LENGTH} characters)`,
    );
  }
  const tokens = refusing(() => lex(raw));
  return usesSyntax(tokens) ? parseExpert(raw, tokens) : parsePlain(raw);
}

/** What `f` gives, a syntax error it throws refused as a QueryError with its position. */
function refusing<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw new QueryError(err.code, err.message, err.position);
    throw err;
  }
}

/** A plain query: space-separated terms ANDed, phrases, -exclusions, as before the expert language. */
function parsePlain(raw: string): ParsedQuery {
  const normalized = normalize(raw).trim();
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const push = (text: string, kind: QueryTerm['kind']) => {
    if (text.length === 0 || seen.has(`${kind}:${text}`)) return;
    seen.add(`${kind}:${text}`);
    terms.push({ text, kind, words: kind === 'term' ? termWords(text) : [], expansions: [] });
  };
  const s = normalized;
  let i = 0;
  while (i < s.length) {
    if (/\s/u.test(s[i]!)) {
      i++;
      continue;
    }
    const close = QUOTES[s[i]!];
    if (close !== undefined) {
      const end = s.indexOf(close, i + 1);
      const stop = end === -1 ? s.length : end;
      push(s.slice(i + 1, stop).trim(), 'phrase');
      i = stop + 1;
      continue;
    }
    let end = i;
    while (end < s.length && !/\s/u.test(s[end]!)) end++;
    const token = s.slice(i, end);
    if (token.length > 1 && token.startsWith('-')) push(token.slice(1), 'exclude');
    else if (token !== '-') push(token, 'term');
    i = end;
  }
  if (terms.length > MAX_TERMS) {
    throw new QueryError(
      'too_many_terms',
      `查询词过多：最多 ${MAX_TERMS} 个 (at most ${MAX_TERMS} terms, got ${terms.length})`,
    );
  }
  terms.sort((a, b) => Number(a.kind === 'exclude') - Number(b.kind === 'exclude'));
  return { normalized, terms };
}

/**
 * Whether a tree asks for something rather than only against: some term or field outside a NOT.
 * A query of exclusions alone would select nearly every paragraph, and rank none.
 */
function selects(node: QueryNode): boolean {
  if (node.op === 'not') return false;
  if (node.op === 'and' || node.op === 'or') return node.children.some(selects);
  return true;
}

/** An expert query (syntax.ts): its tree, its leaves normalised and numbered as the query's terms. */
function parseExpert(raw: string, tokens: ReturnType<typeof lex>): ParsedQuery {
  const tree: SyntaxNode = refusing(() => parseTree(raw, tokens));
  const terms: QueryTerm[] = [];
  const numbers = new Map<string, number>();
  const leaf = (text: string, kind: QueryTerm['kind'], at: number): number => {
    const norm = normalize(text).trim();
    if (norm.length === 0)
      throw new QueryError('empty_phrase', `第 ${at + 1} 个字符处的引号里没有字 (an empty phrase)`, at);
    const key = `${kind}:${norm}`;
    let n = numbers.get(key);
    if (n === undefined) {
      numbers.set(key, (n = terms.length));
      terms.push({ text: norm, kind, words: kind === 'term' ? termWords(norm) : [], expansions: [] });
    }
    if (terms.length > MAX_TERMS)
      throw new QueryError('too_many_terms', `查询词过多：最多 ${MAX_TERMS} 个 (at most ${MAX_TERMS} terms)`, at);
    return n;
  };
  const convert = (node: SyntaxNode, negated: boolean): QueryNode => {
    switch (node.op) {
      case 'word':
        return { op: 'term', term: leaf(node.text, negated ? 'exclude' : 'term', node.at) };
      case 'phrase':
        return { op: 'term', term: leaf(node.text, negated ? 'exclude' : 'phrase', node.at) };
      case 'field':
        return { op: 'field', field: node.field, value: normalize(node.value).trim() };
      case 'and':
      case 'or':
        return { op: node.op, children: node.children.map((c) => convert(c, negated)) };
      case 'not':
        return { op: 'not', child: convert(node.child, true) };
      case 'near':
      case 'sent': {
        const side = (n: SyntaxNode) => (convert(n, negated) as { term: number }).term;
        const [left, right] = [side(node.left), side(node.right)];
        return node.op === 'near' ? { op: 'near', distance: node.distance, left, right } : { op: 'sent', left, right };
      }
    }
  };
  const converted = convert(tree, false);
  if (!selects(converted))
    throw new QueryError(
      'only_exclusions',
      '查询只有排除的词：请至少给出一个要找的词 (a query needs a term or field that is not excluded)',
      0,
    );
  return { normalized: normalize(raw).trim(), terms, tree: converted };
}

/** Parses the k-th of n queries; a refusal names which one, and its position is within that one. */
export function parseNumbered(q: string, k: number, n: number): ParsedQuery {
  try {
    return parseQuery(q);
  } catch (err) {
    if (!(err instanceof QueryError) || n === 1) throw err;
    throw new QueryError(err.code, `q ${k + 1} of ${n} ("${q.slice(0, 20)}"): ${err.message}`, err.position);
  }
}
