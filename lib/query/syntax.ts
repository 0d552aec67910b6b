/**
 * The expert query language, read from the query as typed (README, Query syntax, has the grammar):
 * OR (also |), NOT (also a leading -), AND (also a space), parentheses, fields (title: section:
 * year: source:), nearness (A NEAR/10 B, A SENT B) and "phrases". Operators are Latin capitals or
 * symbols: Chinese words such as 或 and 和 are always text. A query using none of it is read as
 * before (parse.ts), so every query that worked means the same.
 *
 * Positions are UTF-16 offsets in the query as typed, so an error can point at its place.
 */
import { QUERY_FIELDS, type QueryField } from '../api/language';
import { MAX_DEPTH, MAX_NEAR_DISTANCE } from '../api/limits';

export type Field = QueryField;

/** A token of the query as typed. */
export interface Token {
  kind: 'word' | 'phrase' | 'or' | 'and' | 'not' | 'minus' | 'near' | 'sent' | 'open' | 'close';
  /** The text (a word's or phrase's, without quotes). */
  text: string;
  /** UTF-16 offset in the query where the token starts. */
  at: number;
  /** NEAR/n's n. */
  distance?: number;
}

/** A node of the parsed query. Leaves carry their text as typed; parse.ts normalises them. */
export type SyntaxNode =
  | { op: 'word'; text: string; at: number }
  | { op: 'phrase'; text: string; at: number }
  | { op: 'field'; field: Field; value: string; phrase: boolean; at: number }
  | { op: 'and' | 'or'; children: SyntaxNode[]; at: number }
  | { op: 'not'; child: SyntaxNode; at: number }
  | { op: 'near'; distance: number; left: SyntaxNode; right: SyntaxNode; at: number }
  | { op: 'sent'; left: SyntaxNode; right: SyntaxNode; at: number };

/** Codes of refused expert queries, stable for the API. */
export type SyntaxCode =
  | 'unbalanced_parenthesis'
  | 'missing_operand'
  | 'unknown_field'
  | 'empty_field'
  | 'query_too_deep'
  | 'near_too_far'
  | 'near_distance'
  | 'near_operand';

/** A query the parser refuses, with the place in the query it refuses it at. */
export class QuerySyntaxError extends Error {
  constructor(
    readonly code: SyntaxCode,
    /** UTF-16 offset in the query as typed. */
    readonly position: number,
    message: string,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

/** Quote pairs that open a phrase: ASCII, full-width and the Chinese ones. */
const QUOTES: Record<string, string> = { '"': '"', '＂': '＂', '“': '”', '「': '」', '『': '』' };
const SPACE = /\s/u;
const OPEN = new Set(['(', '（']);
const CLOSE = new Set([')', '）']);
const PIPE = new Set(['|', '｜']);
const MINUS = new Set(['-', '－']);
/** A field prefix: Latin letters, then a colon (ASCII or full-width). */
const FIELD_PREFIX = /^([A-Za-z]+)[:：]/;
const NEAR_WORD = /^NEAR(?:\/(\d+))?$/;

/**
 * Where the word starting at `i` ends: at a space, a quote or a pipe, and inside a group at a
 * closing parenthesis (outside one, a parenthesis is text: 1）加强).
 */
function wordEnd(s: string, i: number, inGroup: boolean): number {
  let end = i;
  while (
    end < s.length &&
    !SPACE.test(s[end]!) &&
    !PIPE.has(s[end]!) &&
    !(inGroup && CLOSE.has(s[end]!)) &&
    !(s[end]! in QUOTES)
  )
    end++;
  return end;
}

/**
 * Whether the parentheses opening at `i` group (they hold a space or an operator before their
 * match) rather than belong to the text: (一) and （二） are text, as they are in reports.
 */
function groups(s: string, i: number): boolean {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j]!;
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) {
      if (--depth === 0) return false;
    } else if (SPACE.test(c) || PIPE.has(c) || c in QUOTES) return true;
  }
  return true; // never closed: an unbalanced group, refused by the parser
}

/** The query's tokens. */
export function lex(s: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0; // groups open here
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (SPACE.test(c)) {
      i++;
    } else if (c in QUOTES) {
      const end = s.indexOf(QUOTES[c]!, i + 1);
      const stop = end === -1 ? s.length : end;
      tokens.push({ kind: 'phrase', text: s.slice(i + 1, stop).trim(), at: i });
      i = stop + 1;
    } else if (PIPE.has(c)) {
      tokens.push({ kind: 'or', text: c, at: i++ });
    } else if (OPEN.has(c) && groups(s, i)) {
      depth++;
      tokens.push({ kind: 'open', text: c, at: i++ });
    } else if (CLOSE.has(c) && depth > 0) {
      depth--;
      tokens.push({ kind: 'close', text: c, at: i++ });
    } else if (MINUS.has(c) && i + 1 < s.length && !SPACE.test(s[i + 1]!)) {
      tokens.push({ kind: 'minus', text: c, at: i++ });
    } else {
      const end = OPEN.has(c) ? groupedWordEnd(s, i, depth > 0) : wordEnd(s, i, depth > 0);
      tokens.push(wordToken(s.slice(i, Math.max(end, i + 1)), i));
      i = Math.max(end, i + 1);
    }
  }
  return tokens;
}

/** The end of a word that starts with parentheses belonging to the text, such as (一)加强. */
function groupedWordEnd(s: string, i: number, inGroup: boolean): number {
  let depth = 0;
  let j = i;
  for (; j < s.length && !SPACE.test(s[j]!) && !PIPE.has(s[j]!) && !(s[j]! in QUOTES); j++) {
    if (OPEN.has(s[j]!)) depth++;
    else if (CLOSE.has(s[j]!)) {
      if (depth === 0 && inGroup) break;
      depth = Math.max(0, depth - 1);
    }
  }
  return j;
}

function wordToken(text: string, at: number): Token {
  if (text === 'OR') return { kind: 'or', text, at };
  if (text === 'AND') return { kind: 'and', text, at };
  if (text === 'NOT') return { kind: 'not', text, at };
  if (text === 'SENT') return { kind: 'sent', text, at };
  const near = NEAR_WORD.exec(text);
  if (near) return { kind: 'near', text, at, distance: near[1] === undefined ? DEFAULT_NEAR : Number(near[1]) };
  // NEAR/ with anything but a whole number (NEAR/x, NEAR/, NEAR/-1, NEAR/1.5) is a mistyped operator, not text.
  if (text.startsWith('NEAR/'))
    throw new QuerySyntaxError(
      'near_distance',
      at,
      `第 ${at + 1} 个字符处：NEAR/ 后须是一个整数，如 NEAR/10 (NEAR/n takes a whole number of characters)`,
    );
  return { kind: 'word', text, at };
}

/** NEAR without a distance: within this many characters. */
export const DEFAULT_NEAR = 10;

/**
 * Whether a query uses any of the expert language (else it is read as before). A bracket opened
 * and never closed, in a query with nothing else of the language, is text: Ctrl-F finds （界别 and
 * a lone ( too, and so must the search.
 */
export function usesSyntax(tokens: Token[]): boolean {
  const operator = tokens.some(
    (t) => (t.kind !== 'word' && t.kind !== 'phrase' && t.kind !== 'minus' && t.kind !== 'open') || isField(t),
  );
  return operator || (tokens.some((t) => t.kind === 'open') && tokens.some((t) => t.kind === 'close'));
}

function isField(t: Token): boolean {
  return t.kind === 'word' && FIELD_PREFIX.test(t.text);
}

/** Reads the tokens into a tree; throws QuerySyntaxError saying what is wrong and where. */
export function parseTree(query: string, tokens: Token[]): SyntaxNode {
  return new Parser(query, tokens).query();
}

/**
 * The grammar by precedence, loosest first: AND (or juxtaposition) of ORs of NOTs of NEAR/SENT
 * chains of primaries (a term, a phrase, a field, a group in parentheses).
 */
class Parser {
  private k = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  query(): SyntaxNode {
    const tree = this.and();
    if (this.k < this.tokens.length) {
      const t = this.tokens[this.k]!;
      throw new QuerySyntaxError(
        'unbalanced_parenthesis',
        t.at,
        `第 ${t.at + 1} 个字符处的右括号没有配对的左括号 (a closing parenthesis without an opening one)`,
      );
    }
    return tree;
  }

  private peek(): Token | undefined {
    return this.tokens[this.k];
  }

  private missing(at: number, what: string): QuerySyntaxError {
    return new QuerySyntaxError(
      'missing_operand',
      at,
      `第 ${at + 1} 个字符处缺少${what} (an operator needs a term on each side)`,
    );
  }

  private and(): SyntaxNode {
    const first = this.or();
    const children = [first];
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'close') break;
      if (t.kind === 'and') {
        this.k++;
        if (!this.peek() || this.peek()!.kind === 'close') throw this.missing(t.at, ' AND 右边的词');
      }
      children.push(this.or());
    }
    return children.length === 1 ? first : { op: 'and', children, at: first.at };
  }

  private or(): SyntaxNode {
    const first = this.unary();
    const children = [first];
    while (this.peek()?.kind === 'or') {
      const t = this.tokens[this.k++]!;
      const next = this.peek();
      if (!next || next.kind === 'close' || next.kind === 'or' || next.kind === 'and')
        throw this.missing(t.at, ` ${t.text} 右边的词`);
      children.push(this.unary());
    }
    return children.length === 1 ? first : { op: 'or', children, at: first.at };
  }

  private unary(): SyntaxNode {
    const t = this.peek();
    if (t && (t.kind === 'not' || t.kind === 'minus')) {
      this.k++;
      const next = this.peek();
      if (!next || next.kind === 'close' || next.kind === 'or' || next.kind === 'and')
        throw this.missing(t.at, ` ${t.text} 后面的词`);
      return { op: 'not', child: this.unary(), at: t.at };
    }
    return this.near();
  }

  /** A chain of nearness, A NEAR B SENT C, is each neighbouring pair: (A NEAR B) AND (B SENT C). */
  private near(): SyntaxNode {
    let left = this.primary();
    const pairs: SyntaxNode[] = [];
    while (this.peek()?.kind === 'near' || this.peek()?.kind === 'sent') {
      const t = this.tokens[this.k++]!;
      const next = this.peek();
      if (!next || next.kind === 'close' || next.kind === 'or' || next.kind === 'and')
        throw this.missing(t.at, ` ${t.text} 右边的词`);
      const right = this.primary();
      for (const side of [left, right])
        if (side.op !== 'word' && side.op !== 'phrase')
          throw new QuerySyntaxError(
            'near_operand',
            side.at,
            `第 ${side.at + 1} 个字符处：${t.text} 两边须是词或"短语" (${t.text} joins two terms or phrases)`,
          );
      if (t.kind === 'near' && t.distance! > MAX_NEAR_DISTANCE)
        throw new QuerySyntaxError(
          'near_too_far',
          t.at,
          `第 ${t.at + 1} 个字符处：NEAR 的距离最多 ${MAX_NEAR_DISTANCE} 个字 (NEAR/n allows n up to ${MAX_NEAR_DISTANCE})`,
        );
      pairs.push(
        t.kind === 'near'
          ? { op: 'near', distance: t.distance!, left, right, at: left.at }
          : { op: 'sent', left, right, at: left.at },
      );
      left = right;
    }
    if (pairs.length === 0) return left;
    return pairs.length === 1 ? pairs[0]! : { op: 'and', children: pairs, at: pairs[0]!.at };
  }

  private primary(): SyntaxNode {
    const t = this.peek();
    if (!t) throw this.missing(this.text.length, '词');
    if (t.kind === 'open') {
      this.k++;
      if (++this.depth > MAX_DEPTH)
        throw new QuerySyntaxError(
          'query_too_deep',
          t.at,
          `第 ${t.at + 1} 个字符处：括号最多嵌套 ${MAX_DEPTH} 层 (parentheses nest ${MAX_DEPTH} deep at most)`,
        );
      if (this.peek()?.kind === 'close') throw this.missing(this.peek()!.at, '括号里的词');
      const inner = this.and();
      if (this.peek()?.kind !== 'close')
        throw new QuerySyntaxError(
          'unbalanced_parenthesis',
          t.at,
          `第 ${t.at + 1} 个字符处的括号没有配对的右括号 (the parenthesis is never closed)`,
        );
      this.k++;
      this.depth--;
      return inner;
    }
    if (t.kind === 'close')
      throw new QuerySyntaxError(
        'unbalanced_parenthesis',
        t.at,
        `第 ${t.at + 1} 个字符处的右括号没有配对的左括号 (a closing parenthesis without an opening one)`,
      );
    if (t.kind !== 'word' && t.kind !== 'phrase') throw this.missing(t.at, ` ${t.text} 左边的词`);
    this.k++;
    if (t.kind === 'phrase') return { op: 'phrase', text: t.text, at: t.at };
    return this.fieldOrWord(t);
  }

  private fieldOrWord(t: Token): SyntaxNode {
    const m = FIELD_PREFIX.exec(t.text);
    if (!m) return { op: 'word', text: t.text, at: t.at };
    const name = m[1]!.toLowerCase();
    if (!(QUERY_FIELDS as readonly string[]).includes(name))
      throw new QuerySyntaxError(
        'unknown_field',
        t.at,
        `第 ${t.at + 1} 个字符处：没有"${m[1]}"这个字段，可用 ${QUERY_FIELDS.join(': ')}: (unknown field; to search the text, quote it)`,
      );
    let value = t.text.slice(m[0].length);
    let phrase = false;
    // title:"…" — the phrase token follows the prefix directly.
    const next = this.peek();
    if (value === '' && next?.kind === 'phrase' && next.at === t.at + t.text.length) {
      this.k++;
      value = next.text;
      phrase = true;
    }
    if (value === '')
      throw new QuerySyntaxError(
        'empty_field',
        t.at,
        `第 ${t.at + 1} 个字符处：${name}: 后面缺少要找的内容 (the field needs a value)`,
      );
    return { op: 'field', field: name as Field, value, phrase, at: t.at };
  }
}
