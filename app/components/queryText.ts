/**
 * Writing expert queries from the advanced form's rows and from "在结果中检索", as text in the
 * query language (README, Expert queries): the box always shows what runs, and the form and the
 * chips only ever write into it.
 */

/** A row of the advanced form: where to look, how it joins the rows above, what to find. */
export interface FormRow {
  field: '' | 'title' | 'section' | 'source';
  op: 'AND' | 'OR' | 'NOT';
  text: string;
}

/** Characters that mean something in the language: a term holding any is quoted. */
const SYNTAX = /[\s"“”「」『』()（）|｜:：]|^[-－]|^(?:OR|AND|NOT|SENT|NEAR(?:\/\d+)?)$/u;

/** A term as the language reads it back as itself: quoted when it holds a space or an operator. */
export function quoteTerm(text: string): string {
  const t = text.trim().replace(/"/g, '');
  return SYNTAX.test(t) ? `"${t}"` : t;
}

/**
 * The query the rows say, read left to right as CNKI's form is: each row joins everything above
 * it, so [a, OR b, AND c] is (a OR b) c and [a, AND b, OR c] is (a b) OR c. Years add year:from-to.
 */
export function formQuery(rows: FormRow[], years: { from: string; to: string } = { from: '', to: '' }): string {
  let query = '';
  let joined = 0; // rows in the query so far
  for (const row of rows) {
    if (!row.text.trim()) continue;
    const term = row.field ? `${row.field}:${quoteTerm(row.text)}` : quoteTerm(row.text);
    if (joined++ === 0) {
      query = row.op === 'NOT' ? `NOT ${term}` : term;
      continue;
    }
    const left = joined > 2 ? `(${query})` : query;
    query = row.op === 'OR' ? `${left} OR ${term}` : row.op === 'NOT' ? `${left} NOT ${term}` : `${left} ${term}`;
  }
  const [from, to] = [years.from.trim(), years.to.trim()].map((y) => (/^\d{4}$/.test(y) ? y : ''));
  const span = from && to ? `year:${from}-${to}` : from || to ? `year:${from || to}` : '';
  return [query, span].filter(Boolean).join(' ');
}

/** The query narrowed by one more term (在结果中检索). */
export function narrowed(query: string, term: string): string {
  const t = quoteTerm(term);
  if (!t) return query;
  return query.trim() ? `${query.trim()} ${t}` : t;
}

/** The query without a term added by narrowing: its last occurrence standing on its own goes. */
export function withoutTerm(query: string, term: string): string {
  const t = quoteTerm(term);
  for (let at = query.lastIndexOf(t); at >= 0; at = at > 0 ? query.lastIndexOf(t, at - 1) : -1) {
    const before = at === 0 || /\s/.test(query[at - 1]!);
    const after = at + t.length === query.length || /\s/.test(query[at + t.length]!);
    if (before && after) return `${query.slice(0, at)}${query.slice(at + t.length)}`.replace(/\s+/g, ' ').trim();
  }
  return query;
}
