/** The oracle: what Ctrl-F over the normalised text finds, by a plain scan. */
import { parseQuery, type QueryNode } from '../query/parse';
import { normalize } from '../text/normalize';

/** What fields read of a paragraph: its report's title, date, year and source, and its section. */
export interface ParagraphFields {
  title: string;
  date: string | null;
  /** The report's own `year` field (the year it covers), or null: year: then reads the date's. */
  year: number | null;
  source: string | null;
  section: string | null;
}

/**
 * The paragraphs Ctrl-F would find for a query: every term a substring of the normalised text, no
 * excluded term in it; for an expert query, its tree evaluated the same way, term by term, with
 * NEAR and SENT checked on the terms' literal occurrences. `fields` gives what title:, section:,
 * year: and source: read. The oracle of the relevance suite and the scan the benchmark races against.
 */
export function literalScan(norms: string[], q: string, fields?: (id: number) => ParagraphFields): number[] {
  const parsed = parseQuery(q);
  const { terms, tree } = parsed;
  const must = terms.filter((t) => t.kind !== 'exclude').map((t) => t.text);
  const not = terms.filter((t) => t.kind === 'exclude').map((t) => t.text);
  // Every start of a term in a text, overlapping ones too: written here again, not shared with the
  // engine, so that the oracle checks the engine's nearness rather than repeating it.
  const starts = (text: string, k: number) => {
    const out: number[] = [];
    for (let at = 0; at + terms[k]!.text.length <= text.length; at++)
      if (text.startsWith(terms[k]!.text, at)) out.push(at);
    return out;
  };
  const close = (text: string, node: QueryNode & { op: 'near' | 'sent' }) => {
    const [a, b] = [terms[node.left]!.text.length, terms[node.right]!.text.length];
    return starts(text, node.left).some((x) =>
      starts(text, node.right).some((y) => {
        // Characters between them, either order: negative when they overlap, and then they are
        // one occurrence, not two.
        const between = x <= y ? y - (x + a) : x - (y + b);
        if (between < 0) return false;
        if (node.op === 'sent') return sentenceEnds(text.slice(0, x)) === sentenceEnds(text.slice(0, y));
        return between <= node.distance;
      }),
    );
  };
  const holds = (node: QueryNode, id: number): boolean => {
    const text = norms[id]!;
    switch (node.op) {
      case 'term':
        return text.includes(terms[node.term]!.text);
      case 'and':
        return node.children.every((c) => holds(c, id));
      case 'or':
        return node.children.some((c) => holds(c, id));
      case 'not':
        return !holds(node.child, id);
      case 'near':
      case 'sent':
        return close(text, node);
      case 'field': {
        if (!fields) throw new Error('literalScan: a field query needs the paragraphs’ fields');
        const f = fields(id);
        if (node.field === 'year') {
          const [from = NaN, to = from] = node.value.split('-').map(Number);
          const year = f.year ?? Number(f.date?.slice(0, 4));
          return /^\d{4}(-\d{4})?$/.test(node.value) && year >= Math.min(from, to) && year <= Math.max(from, to);
        }
        const value = node.field === 'title' ? f.title : node.field === 'source' ? f.source : f.section;
        return value !== null && normalize(value).includes(node.value);
      }
    }
  };
  const out: number[] = [];
  for (let id = 0; id < norms.length; id++) {
    const text = norms[id]!;
    if (tree ? holds(tree, id) : must.every((t) => text.includes(t)) && !not.some((t) => text.includes(t)))
      out.push(id);
  }
  return out;
}

/** Sentence ends (。！？； as normalised) in a text. */
function sentenceEnds(text: string): number {
  let n = 0;
  for (const c of text) if (c === '。' || c === '!' || c === '?' || c === ';') n++;
  return n;
}
